using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Diagnostics;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Knowledge;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceModelRecords;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Engine;

/// <summary>
/// The engine a host embeds: one <see cref="AggregateService{TAggregate, TId}"/> per record type over
/// one store, one authorizer, one clock and one configuration.
/// </summary>
/// <remarks>
/// <para>Create one per store and share it: it is thread-safe and holds no per-command state.
/// With Microsoft.Extensions.DependencyInjection, <c>services.AddItsm(...)</c> registers it.</para>
/// <para>Every path through the engine — commands, reads, queries, audit reads and saves — asks the
/// authorizer. There is no default authorizer: the engine fails closed, so a host states its rule (or
/// <see cref="ItsmAuthorizers.AllowAll"/> in tests and samples).</para>
/// </remarks>
public sealed partial class ItsmEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="store">Where records live.</param>
    /// <param name="authorizer">Asked before every command, read and save (see <see cref="IItsmAuthorizer"/>).</param>
    /// <param name="clock">Where commands take their time from.</param>
    /// <param name="options">Lifecycle settings, agreements and calendars; <see langword="null"/> for the defaults (no agreements).</param>
    /// <param name="publisher">Receives the events of committed commands; <see langword="null"/> to publish nowhere.</param>
    /// <exception cref="System.ArgumentNullException">The store, authorizer or clock is null.</exception>
    /// <exception cref="System.ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ItsmEngine(IAggregateStore store, IItsmAuthorizer authorizer, IClock clock, ItsmEngineOptions? options = null, IDomainEventPublisher? publisher = null)
    {
        Store = Guard.Against.Null(store);
        _authorizer = Guard.Against.Null(authorizer);
        Clock = Guard.Against.Null(clock);
        options ??= new ItsmEngineOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new System.ArgumentException("The engine options are invalid: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        publisher ??= NullPublisher.Instance;
        _publisher = publisher;
        var sla = _sla = new SlaDueCalculator(options.Agreements, options.Calendars, options.SlaCalendarResolver);
        Incidents = new(new IncidentCodec(options.IncidentOptionsFor, options.Workflows), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        Problems = new(new ProblemCodec(options.Workflows), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        var approvalCalendar = options.ApprovalCalendarId is { } approvalCalendarId ? options.Calendars[approvalCalendarId] : null;
        Changes = new(new ChangeCodec(options.ChangeAuthority, options.Workflows, approvalCalendar), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        ServiceRequests = new(new ServiceRequestCodec(options.Workflows, approvalCalendar), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        Interactions = new(new InteractionCodec(), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        ImprovementItems = new(new ImprovementItemCodec(), store, authorizer, publisher, clock, sla, options.TicketNumbers);
        var articleCodec = new KnowledgeArticleCodec();
        KnowledgeArticles = new(articleCodec, store, authorizer, publisher, clock, sla, options.TicketNumbers);
        var modelCodec = new ServiceModelRecordCodec();
        ServiceModels = new(modelCodec, store, authorizer, publisher, clock, sla, options.TicketNumbers);
        if (options.Agreements.Count > 0)
        {
            ServiceModels.RecordCheck = new ServiceModelAgreementCheck(options.Agreements);
        }

        _telemetry = options.TraceTenant ? new EngineTelemetry(traceTenant: true) : EngineTelemetry.Default;
        Incidents.Telemetry = Problems.Telemetry = Changes.Telemetry = ServiceRequests.Telemetry = Interactions.Telemetry = ImprovementItems.Telemetry = KnowledgeArticles.Telemetry = ServiceModels.Telemetry = _telemetry;
        var serviceModels = new StoredServiceModelSource(store, modelCodec, clock, options.ServiceModel);
        Incidents.ServiceModels = Problems.ServiceModels = Changes.ServiceModels = ServiceRequests.ServiceModels = Interactions.ServiceModels = ImprovementItems.ServiceModels = KnowledgeArticles.ServiceModels = serviceModels;
        Incidents.KnowledgeArticles = Problems.KnowledgeArticles = new KnowledgeArticleStates(store, articleCodec, clock);
    }

    private readonly EngineTelemetry _telemetry;

    private readonly SlaDueCalculator _sla;
    private readonly IDomainEventPublisher _publisher;
    private readonly IItsmAuthorizer _authorizer;

    /// <summary>
    /// The store, unguarded: its calls ask no authorizer. It is for hosts that authorize themselves (and for
    /// background work that acts as no one); an endpoint on behalf of a user reads through the services
    /// (<see cref="AggregateService{TAggregate, TId}.GetAsync"/>, <see cref="AggregateService{TAggregate, TId}.QueryAsync"/>,
    /// ...) and <see cref="ReadAuditAsync"/>, which do.
    /// </summary>
    public IAggregateStore Store { get; }

    /// <summary>The clock.</summary>
    public IClock Clock { get; }

    /// <summary>The configuration.</summary>
    public ItsmEngineOptions Options { get; }

    /// <summary>Incidents.</summary>
    public AggregateService<Incident, IncidentId> Incidents { get; }

    /// <summary>Problems.</summary>
    public AggregateService<Problem, ProblemId> Problems { get; }

    /// <summary>Changes.</summary>
    public AggregateService<Change, ChangeId> Changes { get; }

    /// <summary>Service requests.</summary>
    public AggregateService<ServiceRequest, ServiceRequestId> ServiceRequests { get; }

    /// <summary>Service desk interactions.</summary>
    public AggregateService<Interaction, InteractionId> Interactions { get; }

    /// <summary>Improvement register items.</summary>
    public AggregateService<ImprovementItem, ImprovementItemId> ImprovementItems { get; }

    /// <summary>
    /// Knowledge articles (Draft, Review, Published, Retired; docs/knowledge.md). Incidents and problems cite
    /// them with <see cref="Itsm.Incidents.LinkIncidentKnowledgeArticle"/> and <see cref="Itsm.Problems.LinkProblemKnowledgeArticle"/>,
    /// which this engine refuses for an article that is not published.
    /// </summary>
    public AggregateService<KnowledgeArticle, KnowledgeArticleId> KnowledgeArticles { get; }

    /// <summary>
    /// Each tenant's stored service model (one record per tenant, id <see cref="ServiceModelRecordId.Only"/>),
    /// created with <see cref="CreateServiceModel"/> and edited with the other commands of its namespace
    /// (<see cref="AddService"/>, <see cref="AddRelationship"/>, ...). Once a tenant has one, the ids its
    /// commands name are checked against it instead of <see cref="ItsmEngineOptions.ServiceModel"/> (from the
    /// next command after each edit commits). A stored model has no ticket number (its <c>Number</c> stays null).
    /// With <see cref="ItsmEngineOptions.Agreements"/>, a create or edit whose model would have an agreement link
    /// the model before it did not have (a supplier's contract that is not an underpinning contract with that
    /// supplier, a service's or offering's agreement the engine does not have, a supplier removed while an
    /// underpinning contract names it) is refused with <see cref="Itsm.Services.ServiceModel.InvalidModelCode"/>,
    /// every new problem listed, and nothing is written.
    /// </summary>
    public AggregateService<ServiceModelRecord, ServiceModelRecordId> ServiceModels { get; }

    /// <summary>
    /// An incident's SLA history, rebuilt from its audit log (<see cref="Incident.ReplayTicketHistory"/>):
    /// what <see cref="EvaluateSla"/> and <see cref="Itsm.Sla.SlaTracker.Track"/> replay. It reads the whole
    /// log, so its cost grows with the incident's history, as reports do; commands never need it (the
    /// incident keeps only its clocks' current state).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The incident.</param>
    /// <param name="actor">Who reads; authorized as <see cref="ReadHistory"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes, in order; empty when the incident does not exist.</returns>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused.</exception>
    public async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Itsm.Sla.TicketChange>> ReadIncidentTicketHistoryAsync(TenantId tenant, IncidentId id, Actor actor, System.Threading.CancellationToken cancellationToken = default) =>
        Incident.ReplayTicketHistory(await Incidents.ReadHistoryAsync(tenant, id, actor, cancellationToken).ConfigureAwait(false));

    /// <summary>A service request's SLA history, rebuilt from its audit log (<see cref="ServiceRequest.ReplayTicketHistory"/>); as for incidents.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The request.</param>
    /// <param name="actor">Who reads; authorized as <see cref="ReadHistory"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes, in order; empty when the request does not exist.</returns>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused.</exception>
    public async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Itsm.Sla.TicketChange>> ReadServiceRequestTicketHistoryAsync(TenantId tenant, ServiceRequestId id, Actor actor, System.Threading.CancellationToken cancellationToken = default) =>
        ServiceRequest.ReplayTicketHistory(await ServiceRequests.ReadHistoryAsync(tenant, id, actor, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The SLA clocks of a ticket, tracked over its history with the engine's agreements and evaluated
    /// on the engine's calendars at the clock's current instant: what a host shows as a ticket's SLA
    /// status (stage, elapsed, remaining, breach instant, next threshold).
    /// </summary>
    /// <param name="ticketHistory">The ticket's SLA history (<see cref="ReadIncidentTicketHistoryAsync"/>, or <see cref="Incident.ReplayTicketHistory"/> over its audit entries).</param>
    /// <returns>
    /// Every clock with its status, in <see cref="Itsm.Sla.SlaTracker.Track"/>'s order; empty with no
    /// agreements or no history. A history whose last change is later than the clock is evaluated at
    /// that change, where every clock has started.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="ticketHistory"/> is null.</exception>
    public System.Collections.Generic.IReadOnlyList<SlaClockStatus> EvaluateSla(System.Collections.Generic.IReadOnlyList<Itsm.Sla.TicketChange> ticketHistory) =>
        _sla.Evaluate(Guard.Against.Null(ticketHistory), Clock.GetCurrentInstant());

    /// <summary>
    /// Reads the tenant's audit log over a period, across record types, on behalf of an actor: the input of
    /// <see cref="Itsm.Improvement.KpiCalculator"/> and of SLA replay.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="period">Entries with <see cref="AuditEntry.At"/> in [start, end); both ends required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, ordered by time, record type, id and version, each with its typed <see cref="AuditEntry.Event"/>.</returns>
    /// <remarks>The authorizer is asked with <see cref="ReadAudit"/> (carrying the period); the resource names only the tenant.
    /// Work notes and time worked keep their place but lose their content unless it also allows <see cref="ReadWorkNotes"/> (docs/journal.md).</remarks>
    /// <exception cref="System.ArgumentException">The tenant or actor is missing, or the period is open-ended.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    public async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Actor actor, Interval period, System.Threading.CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        StoreArguments.CheckPeriod(period);
        var resource = new ItsmResource(tenant, null, null, null);
        await _authorizer.AuthorizeAsync(actor, new ReadAudit(period), resource, cancellationToken).ConfigureAwait(false);
        var entries = await Store.ReadAuditAsync(tenant, period, cancellationToken).ConfigureAwait(false);
        return await _authorizer.VisibleAsync(actor, resource, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the tenant's event feed after a position on behalf of an actor: every committed audit entry, in
    /// commit order, with its gapless per-tenant position (see <see cref="IAggregateStore.ReadFeedAsync"/>).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="after">The last position the reader handled; 0 to read from the start.</param>
    /// <param name="max">The most entries: 1 to <see cref="StoreArguments.MaxFeedRead"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries at positions <c>after + 1</c> onwards, at most <paramref name="max"/>, with no gap.</returns>
    /// <remarks>The authorizer is asked with <see cref="ReadFeed"/> (carrying the checkpoint and the page size); the resource names only the tenant.
    /// Work notes and time worked keep their positions but lose their content unless it also allows <see cref="ReadWorkNotes"/> (docs/journal.md).</remarks>
    /// <exception cref="System.ArgumentException">The tenant or actor is missing, <paramref name="after"/> is negative, or <paramref name="max"/> is out of range.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    public async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, Actor actor, long after, int max, System.Threading.CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckFeedRead(tenant, after, max);
        Guard.Against.Null(actor);
        var resource = new ItsmResource(tenant, null, null, null);
        await _authorizer.AuthorizeAsync(actor, new ReadFeed(after, max), resource, cancellationToken).ConfigureAwait(false);
        var entries = await Store.ReadFeedAsync(tenant, after, max, cancellationToken).ConfigureAwait(false);
        return await _authorizer.VisibleAsync(actor, resource, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The SLA thresholds of an incident that its clocks crossed at or before <paramref name="until"/>
    /// and that it has not recorded yet (after <see cref="Incident.LastSlaThreshold"/>), in the order
    /// they must be recorded with <see cref="RecordIncidentSlaThreshold"/>: what the SLA worker records.
    /// </summary>
    /// <param name="incident">The incident, as loaded.</param>
    /// <param name="until">The instant up to which crossings count (the worker's current instant).</param>
    /// <returns>The thresholds, ordered by due instant, agreement id, metric and percent; empty with no agreements.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public System.Collections.Generic.IReadOnlyList<Itsm.Sla.SlaThresholdReached> PendingSlaThresholds(Incident incident, Instant until)
    {
        Guard.Against.Null(incident);
        return _sla.Pending(incident.Sla, incident.LastSlaThreshold, until);
    }

    /// <summary>
    /// The SLA thresholds of a service request that its clocks crossed at or before <paramref name="until"/>
    /// and that it has not recorded yet, in the order they must be recorded with <see cref="RecordServiceRequestSlaThreshold"/>.
    /// </summary>
    /// <param name="request">The request, as loaded.</param>
    /// <param name="until">The instant up to which crossings count (the worker's current instant).</param>
    /// <returns>The thresholds, ordered by due instant, agreement id, metric and percent; empty with no agreements.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="request"/> is null.</exception>
    public System.Collections.Generic.IReadOnlyList<Itsm.Sla.SlaThresholdReached> PendingSlaThresholds(ServiceRequest request, Instant until)
    {
        Guard.Against.Null(request);
        return _sla.Pending(request.Sla, request.LastSlaThreshold, until);
    }

    /// <summary>
    /// When the auto-close policy of the incident's tenant (<see cref="IncidentOptions.AutoClose"/>, on
    /// <see cref="IncidentOptions.AutoCloseCalendarId"/>) closes <paramref name="incident"/>.
    /// </summary>
    /// <param name="incident">The incident.</param>
    /// <returns>The instant; <see langword="null"/> with no policy, or when the incident is not resolved or is major.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public Instant? AutoCloseDueAt(Incident incident)
    {
        Guard.Against.Null(incident);
        return Options.IncidentOptionsFor(incident.Tenant).AutoCloseDueAt(incident, Options.Calendars);
    }

    private sealed class NullPublisher : IDomainEventPublisher
    {
        internal static readonly NullPublisher Instance = new();

        public System.Threading.Tasks.ValueTask PublishAsync(System.Collections.Generic.IReadOnlyList<AuditEntry> events, System.Threading.CancellationToken cancellationToken) => default;
    }
}
