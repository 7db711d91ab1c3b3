using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Engine;

// Operations over several records, each committed as one unit of work: all or nothing.
public sealed partial class ItsmEngine
{
    /// <summary>
    /// Resolves a major incident and every open child of it (see <see cref="MajorIncidentResolution.ResolveWithChildren"/>),
    /// all in one unit of work: the parent and its children are resolved together or not at all.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="parentId">The major incident.</param>
    /// <param name="childIds">Its children (each must name the parent); children already resolved, closed or canceled are left as they are.</param>
    /// <param name="actor">Who resolves.</param>
    /// <param name="command">How the parent is resolved; each open child is resolved with <see cref="IncidentResolutionCode.ResolvedByParent"/> and notes naming the parent.</param>
    /// <param name="options">
    /// An idempotency key for the whole operation (its fingerprint covers the parent, the command and its arguments), and the
    /// parent's expected version.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parent first, then the children resolved, with their new versions; and the events in commit order.</returns>
    /// <remarks>
    /// The authorizer is asked about <paramref name="command"/> on the parent and about the resolving command of each open
    /// child, before anything runs. A concurrent change to the parent or to any child writes nothing
    /// (<see cref="ConcurrencyException"/>, safe to retry by calling again).
    /// </remarks>
    /// <exception cref="ArgumentException">An argument is missing, or a child is listed twice or is not a child of the parent.</exception>
    /// <exception cref="AggregateNotFoundException">The parent or a child does not exist.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for one of the records.</exception>
    /// <exception cref="InvalidTransitionException">The parent cannot be resolved in its state.</exception>
    /// <exception cref="DomainRuleViolationException">The parent is not major (<c>ITSM-INC-MAJOR-005</c>), or a rule of <see cref="Incident.Resolve"/>.</exception>
    /// <exception cref="ConcurrencyException">A record changed during the operation, or the parent is not at the expected version.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<UnitOfWorkResult> ResolveMajorIncidentAsync(TenantId tenant, IncidentId parentId, IEnumerable<IncidentId> childIds, Actor actor, ResolveIncident command, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        !EngineTelemetry.IsEnabled
            ? ResolveMajorIncidentCoreAsync(tenant, parentId, childIds, actor, command, options, cancellationToken)
            : _telemetry.ObserveAsync(Incident.RecordType, "ResolveMajorIncident", tenant, Incidents.FormatIdOrNull(parentId), (this, tenant, parentId, childIds, actor, command, options, cancellationToken), static s => s.Item1.ResolveMajorIncidentCoreAsync(s.tenant, s.parentId, s.childIds, s.actor, s.command, s.options, s.cancellationToken), EngineTelemetry.Replayed);

    private async Task<UnitOfWorkResult> ResolveMajorIncidentCoreAsync(TenantId tenant, IncidentId parentId, IEnumerable<IncidentId> childIds, Actor actor, ResolveIncident command, CommandOptions? options, CancellationToken cancellationToken)
    {
        var parentRecordId = Incidents.CheckKey(tenant, parentId);
        Guard.Against.Null(childIds);
        Guard.Against.Null(actor);
        Guard.Against.Null(command);
        var key = Incidents.KeyFor(options ?? DefaultOptions, parentRecordId, command);
        if (await PendingUnit.ReplayAsync(Store, tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var parent = await LoadExpectedAsync(Incidents, tenant, parentRecordId, options, cancellationToken).ConfigureAwait(false);
        await Incidents.AuthorizeAsync(actor, command, Resource(Incidents, tenant, parentRecordId, parent), cancellationToken).ConfigureAwait(false);
        var children = new List<Incident>();
        var childCommand = new ResolveIncident(IncidentResolutionCode.ResolvedByParent, $"Resolved with major incident {parentId}: {command.Notes}");
        foreach (var childId in childIds)
        {
            var child = await LoadRequiredAsync(Incidents, tenant, Incidents.CheckKey(tenant, childId), cancellationToken).ConfigureAwait(false);
            if (child.Permits(IncidentCommand.Resolve))
            {
                await Incidents.AuthorizeAsync(actor, childCommand, Resource(Incidents, tenant, child.Id.ToString(), child), cancellationToken).ConfigureAwait(false);
            }

            children.Add(child);
        }

        var resolved = MajorIncidentResolution.ResolveWithChildren(parent, children, actor, command.Code, command.Notes);
        var unit = new PendingUnit();
        unit.Add(Incidents, parent, key);
        foreach (var child in resolved)
        {
            unit.Add(Incidents, child);
        }

        return await unit.CommitAsync(Store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves a problem together with the incidents on hold awaiting it (see <see cref="ProblemResolution.ResolveWithIncidents"/>),
    /// in one unit of work. The candidates are the problem's <see cref="Problem.LinkedIncidents"/>; a linked id with no stored
    /// incident is skipped (linking is one-sided, so it may name an incident that was never saved).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="problemId">The problem.</param>
    /// <param name="actor">Who resolves.</param>
    /// <param name="command">How the problem is resolved.</param>
    /// <param name="options">An idempotency key for the whole operation, and the problem's expected version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The problem first, then the incidents resolved; and the events in commit order.</returns>
    /// <remarks>The authorizer is asked about <paramref name="command"/> on the problem and about the resolving command of each waiting incident.</remarks>
    /// <exception cref="ArgumentException">An argument is missing.</exception>
    /// <exception cref="AggregateNotFoundException">The problem does not exist.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for one of the records.</exception>
    /// <exception cref="InvalidTransitionException">The problem cannot be resolved in its state.</exception>
    /// <exception cref="DomainRuleViolationException">A rule of <see cref="Problem.Resolve"/>.</exception>
    /// <exception cref="ConcurrencyException">A record changed during the operation, or the problem is not at the expected version.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<UnitOfWorkResult> ResolveProblemAsync(TenantId tenant, ProblemId problemId, Actor actor, ResolveProblem command, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        !EngineTelemetry.IsEnabled
            ? ResolveProblemCoreAsync(tenant, problemId, actor, command, options, cancellationToken)
            : _telemetry.ObserveAsync(Problem.RecordType, "ResolveProblem", tenant, Problems.FormatIdOrNull(problemId), (this, tenant, problemId, actor, command, options, cancellationToken), static s => s.Item1.ResolveProblemCoreAsync(s.tenant, s.problemId, s.actor, s.command, s.options, s.cancellationToken), EngineTelemetry.Replayed);

    private async Task<UnitOfWorkResult> ResolveProblemCoreAsync(TenantId tenant, ProblemId problemId, Actor actor, ResolveProblem command, CommandOptions? options, CancellationToken cancellationToken)
    {
        var problemRecordId = Problems.CheckKey(tenant, problemId);
        Guard.Against.Null(actor);
        Guard.Against.Null(command);
        var key = Problems.KeyFor(options ?? DefaultOptions, problemRecordId, command);
        if (await PendingUnit.ReplayAsync(Store, tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var problem = await LoadExpectedAsync(Problems, tenant, problemRecordId, options, cancellationToken).ConfigureAwait(false);
        await Problems.AuthorizeAsync(actor, command, Resource(Problems, tenant, problemRecordId, problem), cancellationToken).ConfigureAwait(false);
        var incidents = new List<Incident>();
        var incidentCommand = new ResolveIncident(IncidentResolutionCode.ResolvedByProblem, $"Resolved with problem {problemId} ({command.Code}): {command.Notes}");
        foreach (var incidentId in problem.LinkedIncidents)
        {
            if (await Incidents.LoadAsync(tenant, incidentId.ToString(), cancellationToken).ConfigureAwait(false) is not { } incident)
            {
                continue;
            }

            if (incident.State == IncidentState.OnHold && incident.OnHoldReason == OnHoldReason.AwaitingProblem && incident.RelatedProblem == problemRecordId)
            {
                await Incidents.AuthorizeAsync(actor, incidentCommand, Resource(Incidents, tenant, incident.Id.ToString(), incident), cancellationToken).ConfigureAwait(false);
            }

            incidents.Add(incident);
        }

        var resolved = ProblemResolution.ResolveWithIncidents(problem, incidents, actor, command.Code, command.Notes);
        var unit = new PendingUnit();
        unit.Add(Problems, problem, key);
        foreach (var incident in resolved)
        {
            unit.Add(Incidents, incident);
        }

        return await unit.CommitAsync(Store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Links an incident and a problem both ways in one unit of work: the problem records the incident
    /// (<see cref="LinkProblemIncident"/>) and the incident records the problem (<see cref="LinkIncidentToProblem"/>),
    /// so neither link exists without the other.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="problemId">The problem.</param>
    /// <param name="actor">Who links them.</param>
    /// <param name="options">An idempotency key for the whole operation (its fingerprint covers both ids); no expected version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The problem first, then the incident, with their new versions; and the events.</returns>
    /// <exception cref="ArgumentException">An argument is missing, or an expected version was given.</exception>
    /// <exception cref="AggregateNotFoundException">The incident or the problem does not exist.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for either command.</exception>
    /// <exception cref="InvalidTransitionException">Either record's state does not permit its command.</exception>
    /// <exception cref="DomainRuleViolationException">The incident is already linked to the problem (<c>ITSM-PRB-LINK-001</c>).</exception>
    /// <exception cref="ConcurrencyException">Either record changed during the operation.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<UnitOfWorkResult> LinkIncidentToProblemAsync(TenantId tenant, IncidentId incidentId, ProblemId problemId, Actor actor, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        !EngineTelemetry.IsEnabled
            ? LinkIncidentToProblemCoreAsync(tenant, incidentId, problemId, actor, options, cancellationToken)
            : _telemetry.ObserveAsync(Problem.RecordType, "LinkIncidentToProblem", tenant, Problems.FormatIdOrNull(problemId), (this, tenant, incidentId, problemId, actor, options, cancellationToken), static s => s.Item1.LinkIncidentToProblemCoreAsync(s.tenant, s.incidentId, s.problemId, s.actor, s.options, s.cancellationToken), EngineTelemetry.Replayed);

    private async Task<UnitOfWorkResult> LinkIncidentToProblemCoreAsync(TenantId tenant, IncidentId incidentId, ProblemId problemId, Actor actor, CommandOptions? options, CancellationToken cancellationToken)
    {
        var incidentRecordId = Incidents.CheckKey(tenant, incidentId);
        var problemRecordId = Problems.CheckKey(tenant, problemId);
        Guard.Against.Null(actor);
        options ??= DefaultOptions;
        if (options.ExpectedVersion is not null)
        {
            throw new ArgumentException("Linking takes each record at the version it loads; expect no version.", nameof(options));
        }

        var problemCommand = new LinkProblemIncident(incidentId);
        var incidentCommand = new LinkIncidentToProblem(problemRecordId);
        var key = Problems.KeyFor(options, problemRecordId, problemCommand);
        if (await PendingUnit.ReplayAsync(Store, tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var problem = await LoadRequiredAsync(Problems, tenant, problemRecordId, cancellationToken).ConfigureAwait(false);
        var incident = await LoadRequiredAsync(Incidents, tenant, incidentRecordId, cancellationToken).ConfigureAwait(false);
        await Problems.AuthorizeAsync(actor, problemCommand, Resource(Problems, tenant, problemRecordId, problem), cancellationToken).ConfigureAwait(false);
        await Incidents.AuthorizeAsync(actor, incidentCommand, Resource(Incidents, tenant, incidentRecordId, incident), cancellationToken).ConfigureAwait(false);
        problemCommand.Run(problem, actor);
        incidentCommand.Run(incident, actor);
        var unit = new PendingUnit();
        unit.Add(Problems, problem, key);
        unit.Add(Incidents, incident);
        return await unit.CommitAsync(Store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The service desk's intake as one unit of work: opens an incident for a logged interaction (with the interaction's caller
    /// and description, and the engine's incident options) and classifies the interaction as that incident
    /// (see <see cref="ServiceDeskIntake.RaiseIncident"/>): the incident exists if and only if the interaction points to it.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="interactionId">The logged interaction.</param>
    /// <param name="incidentId">The new incident's id.</param>
    /// <param name="agent">The service desk agent.</param>
    /// <param name="impact">The impact.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="resolvedOnFirstContact">Whether the agent resolves it during the contact (counted as a first-contact resolution).</param>
    /// <param name="openedAt">
    /// When the incident was opened, if before now (for example the interaction's <see cref="Interaction.LoggedAt"/>, when the call
    /// was taken); <see langword="null"/> for the engine clock's instant. As <see cref="OpenIncident.OpenedAt"/>.
    /// </param>
    /// <param name="options">
    /// An idempotency key: its fingerprint covers the interaction and the incident's arguments but not the new incident's id,
    /// so a retry with a freshly generated id returns the first run. No expected version.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The interaction first, then the new incident, with their versions; and the events.</returns>
    /// <remarks>The authorizer is asked about <see cref="OpenIncident"/> for the new incident (with no record) and about <see cref="ClassifyInteractionAsIncident"/> on the interaction.</remarks>
    /// <exception cref="ArgumentException">An argument is missing or undefined, or an expected version was given; <paramref name="openedAt"/> is outside the range SLA clocks count in.</exception>
    /// <exception cref="AggregateNotFoundException">The interaction does not exist.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for either command.</exception>
    /// <exception cref="InvalidTransitionException">The interaction is already classified.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-OPENED-001</c>: <paramref name="openedAt"/> is after the engine clock's instant.</exception>
    /// <exception cref="ConcurrencyException">The interaction changed during the operation, or an incident with that id exists.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<UnitOfWorkResult> RaiseIncidentAsync(TenantId tenant, InteractionId interactionId, IncidentId incidentId, Actor agent, Impact impact, Urgency urgency, Itsm.Services.ServiceId? service = null, bool resolvedOnFirstContact = false, Instant? openedAt = null, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        !EngineTelemetry.IsEnabled
            ? RaiseIncidentCoreAsync(tenant, interactionId, incidentId, agent, impact, urgency, service, resolvedOnFirstContact, openedAt, options, cancellationToken)
            : _telemetry.ObserveAsync(Interaction.RecordType, "RaiseIncident", tenant, Interactions.FormatIdOrNull(interactionId), (this, tenant, interactionId, incidentId, agent, impact, urgency, service, resolvedOnFirstContact, openedAt, options, cancellationToken), static s => s.Item1.RaiseIncidentCoreAsync(s.tenant, s.interactionId, s.incidentId, s.agent, s.impact, s.urgency, s.service, s.resolvedOnFirstContact, s.openedAt, s.options, s.cancellationToken), EngineTelemetry.Replayed);

    private async Task<UnitOfWorkResult> RaiseIncidentCoreAsync(TenantId tenant, InteractionId interactionId, IncidentId incidentId, Actor agent, Impact impact, Urgency urgency, Itsm.Services.ServiceId? service, bool resolvedOnFirstContact, Instant? openedAt, CommandOptions? options, CancellationToken cancellationToken)
    {
        var interactionRecordId = Interactions.CheckKey(tenant, interactionId);
        var incidentRecordId = Incidents.CheckKey(tenant, incidentId);
        Guard.Against.Null(agent);
        Guard.Against.OutOfRange((int)impact, nameof(impact), 1, 3);
        Guard.Against.OutOfRange((int)urgency, nameof(urgency), 1, 3);
        TicketOpenedAt.CheckRange(openedAt, nameof(openedAt));
        options ??= DefaultOptions;
        if (options.ExpectedVersion is not null)
        {
            throw new ArgumentException("The intake takes the interaction at the version it loads; expect no version.", nameof(options));
        }

        var interaction = await LoadRequiredAsync(Interactions, tenant, interactionRecordId, cancellationToken).ConfigureAwait(false);
        var open = new OpenIncident(interaction.CallerId, interaction.ShortDescription, impact, urgency, service) { OpenedAt = openedAt };
        var classify = new ClassifyInteractionAsIncident(incidentId, resolvedOnFirstContact);
        var key = options.IdempotencyKey is null
            ? (IdempotencyKey?)null
            : IdempotencyKey.For(options.IdempotencyKey, Interaction.RecordType, interactionRecordId, "RaiseIncident", CommandArguments.Of(open) + (resolvedOnFirstContact ? "|first-contact" : string.Empty));
        if (await PendingUnit.ReplayAsync(Store, tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        await Incidents.AuthorizeAsync(agent, open, new ItsmResource(tenant, Incidents.RecordType, incidentRecordId, null), cancellationToken).ConfigureAwait(false);
        await Interactions.AuthorizeAsync(agent, classify, Resource(Interactions, tenant, interactionRecordId, interaction), cancellationToken).ConfigureAwait(false);
        await Incidents.CheckReferencesAsync(tenant, open, cancellationToken).ConfigureAwait(false);
        var incident = ServiceDeskIntake.RaiseIncidentUnderWorkflow(interaction, incidentId, agent, impact, urgency, Clock, Options.IncidentOptionsFor(tenant), service, resolvedOnFirstContact,
            Options.Workflows.For<IncidentState, IncidentCommand>(tenant, Incident.RecordType), openedAt);
        var unit = new PendingUnit();
        unit.Add(Interactions, interaction, key);
        unit.Add(Incidents, incident);
        return await unit.CommitAsync(Store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    private static readonly CommandOptions DefaultOptions = new();

    private static ItsmResource Resource<TAggregate, TId>(AggregateService<TAggregate, TId> service, TenantId tenant, string recordId, TAggregate record)
        where TAggregate : class =>
        new(tenant, service.RecordType, recordId, record);

    private static async Task<TAggregate> LoadRequiredAsync<TAggregate, TId>(AggregateService<TAggregate, TId> service, TenantId tenant, string recordId, CancellationToken cancellationToken)
        where TAggregate : class =>
        await service.LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(tenant, service.RecordType, recordId);

    private static async Task<TAggregate> LoadExpectedAsync<TAggregate, TId>(AggregateService<TAggregate, TId> service, TenantId tenant, string recordId, CommandOptions? options, CancellationToken cancellationToken)
        where TAggregate : class
    {
        var record = await LoadRequiredAsync(service, tenant, recordId, cancellationToken).ConfigureAwait(false);
        if (options?.ExpectedVersion is { } expected)
        {
            Guard.Against.Negative(expected, nameof(options) + "." + nameof(CommandOptions.ExpectedVersion));
            var loaded = service.Codec.VersionOf(record);
            if (expected != loaded)
            {
                throw new ConcurrencyException(tenant, service.RecordType, recordId, expected, loaded);
            }
        }

        return record;
    }
}
