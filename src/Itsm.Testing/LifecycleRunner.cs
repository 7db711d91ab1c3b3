using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Testing.Models;
using Itsm.Testing.Workflows;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing;

/// <summary>
/// A model-based test of a host's engine configuration: runs a <see cref="LifecycleScenario{TRecord, TId}"/>
/// through an <see cref="ItsmEngine"/> the host built — its authorizer, its options (incident work start and
/// reopen policy, change authority), its store — and after every command checks the lifecycle invariants
/// against an independent model of the record's state machine.
/// </summary>
/// <remarks>
/// <para>For every step the model predicts whether the record accepts the command (and its next state), or
/// refuses it because of its state (<see cref="InvalidTransitionException"/>) or a rule
/// (<see cref="DomainRuleViolationException"/> with the rule's code). Where a rule is a host policy's
/// verdict the model does not decide (who may reopen an incident and within which window, whether a change
/// window is free on the calendar a command brings, SLA thresholds), it accepts either outcome but still
/// checks the next state. Then, reading the engine's raw store:</para>
/// <list type="bullet">
/// <item>an accepted command raised the stored version by exactly one, appended exactly one audit entry
/// (that version, the command's name, the model's from- and to-state, the actor, the clock's instant),
/// left the earlier entries as they were, and re-indexed the record (state, open flag);</item>
/// <item>a refused command — by the state, a rule or the authorizer — left the stored state, version,
/// index and audit log exactly as they were;</item>
/// <item>with <see cref="LifecycleRunOptions.ExpectAuthorized"/>, the authorizer allowed exactly what the host's rule says;</item>
/// <item>nothing else was thrown (a <see cref="ConcurrencyException"/> or store failure on an uncontended record is a bug).</item>
/// </list>
/// <para>When the engine's <see cref="ItsmEngineOptions.Workflows"/> gives the record a workflow (incidents, problems, changes, service requests),
/// the runner also models its custom state from the workflow's definition: it predicts blocked commands and named
/// transitions (unknown names, failing guards), and checks that the record runs the catalog's workflow in the
/// predicted custom state inside its library state, that <c>PermittedCommands</c> is the library's less the custom
/// state's blocks with <c>TransitionWorkflow</c> where named transitions leave, that each accepted command's audit
/// entry carries <see cref="AuditEntry.WorkflowState"/> exactly when the custom state changed (the creating one
/// always), that replaying those gives the record's custom state, that the reloaded record equals the one the
/// command returned, and for incidents and service requests that the SLA projection of the audit log equals <c>ToTicketSnapshot()</c>.
/// <see cref="ItsmGenerators.IncidentWorkflowScenarios"/>, <see cref="ItsmGenerators.ProblemWorkflowScenarios"/>,
/// <see cref="ItsmGenerators.ChangeWorkflowScenarios"/> and <see cref="ItsmGenerators.ServiceRequestWorkflowScenarios"/> make histories for it.</para>
/// <para>The engine's clock moves by each step's <see cref="LifecycleStep{TRecord}.After"/> when it is a
/// <see cref="FakeClock"/> (as <see cref="ItsmTestEngine"/>'s is); any other clock is read, never moved. Use a
/// fresh record id per run (the generators do): the runner fails if the record already exists.</para>
/// </remarks>
/// <example>
/// <code>
/// [Property(MaxTest = 50)]
/// public Property Our_engine_keeps_the_change_lifecycle() =>
///     Prop.ForAll(ItsmGenerators.ChangeScenarios.ToArbitrary(), async scenario =>
///         await LifecycleRunner.RunAsync(OurEngine.Build(new InMemoryAggregateStore(), clock: new FakeClock(start)), scenario));
/// </code>
/// </example>
public static class LifecycleRunner
{
    /// <summary>Runs <paramref name="scenario"/> through <paramref name="engine"/>, checking the invariants after every step.</summary>
    /// <typeparam name="TRecord">The record type: <see cref="Itsm.Incidents.Incident"/>, <see cref="Itsm.Problems.Problem"/>, <see cref="Itsm.Changes.Change"/>, <see cref="Itsm.Requests.ServiceRequest"/>, <see cref="Itsm.ServiceDesk.Interaction"/> or <see cref="Itsm.Improvement.ImprovementItem"/>.</typeparam>
    /// <typeparam name="TId">Its id type.</typeparam>
    /// <param name="engine">The host's engine under test.</param>
    /// <param name="scenario">The record's history.</param>
    /// <param name="options">The host's authorization rule to check, if any; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did: the final state and version, how many commands were accepted and refused, the states visited.</returns>
    /// <exception cref="ArgumentNullException">The engine or scenario is null.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TRecord"/> is not a record type of Itsm.Core, or a step is null.</exception>
    /// <exception cref="LifecycleInvariantException">A step broke an invariant; the message names it and lists the steps so far.</exception>
    public static async Task<LifecycleRun> RunAsync<TRecord, TId>(ItsmEngine engine, LifecycleScenario<TRecord, TId> scenario, LifecycleRunOptions? options = null, CancellationToken cancellationToken = default)
        where TRecord : class
    {
        Guard.Against.Null(engine);
        Guard.Against.Null(scenario);
        var kind = RecordKinds.For<TRecord, TId>();
        var run = new Run<TRecord, TId>(engine, kind.Service(engine), scenario, options ?? new LifecycleRunOptions());
        var model = kind.Model(scenario.Create, scenario.CreatedBy, scenario.Tenant, engine.Options);
        run.Workflow = WorkflowCheck<TRecord>.For(scenario.Create, scenario.Tenant, engine.Options);
        if (!await run.CreateAsync(model, cancellationToken).ConfigureAwait(false))
        {
            return run.Result(null);
        }

        for (int i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i] ?? throw new ArgumentException($"Step {i + 1} of the scenario is null.", nameof(scenario));
            if (step.After > Duration.Zero && engine.Clock is FakeClock clock)
            {
                clock.Advance(step.After);
            }

            model = await run.StepAsync(i + 1, model, step, cancellationToken).ConfigureAwait(false);
        }

        return run.Result(model);
    }

    private sealed class Run<TRecord, TId>(ItsmEngine engine, AggregateService<TRecord, TId> service, LifecycleScenario<TRecord, TId> scenario, LifecycleRunOptions options)
        where TRecord : class
    {
        private readonly RunTrace _trace = new(scenario.ToString());
        private readonly List<string> _states = [];
        private readonly string _recordId = scenario.Id!.ToString()!;
        private int _accepted;
        private int _refused;
        private int _unauthorized;
        private long _version;

        /// <summary>The workflow the record runs under (from the engine's catalog), checked beside the library model; null for none.</summary>
        public WorkflowCheck<TRecord>? Workflow { get; set; }

        public async Task<bool> CreateAsync(LifecycleModel<TRecord> model, CancellationToken cancellationToken)
        {
            var before = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            if (before.Stored is not null)
            {
                Fail(0, $"the record already exists at version {before.Stored.Version}; give each run a new id");
            }

            var at = engine.Clock.GetCurrentInstant();
            var (result, thrown) = await CaptureAsync(() => service.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, scenario.Create, null, cancellationToken)).ConfigureAwait(false);
            var after = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            if (CheckAuthorization(0, scenario.CreatedBy, scenario.Create, thrown))
            {
                _trace.Add(0, "create", "refused by the authorizer");
                CheckUnchanged(0, before, after);
                _unauthorized++;
                return false;
            }

            if (thrown is not null)
            {
                Fail(0, $"the creation was refused: {Describe(thrown)}");
            }

            _trace.Add(0, "create", $"accepted -> {model.State}");
            CheckAccepted(0, before, after, scenario.CreatedBy, scenario.Create.Name, model.State, model, at);
            await CheckWorkflowAsync(0, null, model, result?.Record, after, cancellationToken).ConfigureAwait(false);
            return true;
        }

        public async Task<LifecycleModel<TRecord>> StepAsync(int number, LifecycleModel<TRecord> model, LifecycleStep<TRecord> step, CancellationToken cancellationToken)
        {
            var at = engine.Clock.GetCurrentInstant();
            var prediction = model.Predict(step.Command, step.Actor, at);
            if (Workflow is not null && await ReloadAsync(cancellationToken).ConfigureAwait(false) is { } record)
            {
                prediction = Workflow.Predict(model, prediction, step.Command, step.Actor, record);
            }

            var before = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            var (result, thrown) = await CaptureAsync(() => service.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command, null, cancellationToken)).ConfigureAwait(false);
            var after = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            _trace.Add(number, step.ToString(), $"model: {prediction}; engine: {(thrown is null ? "accepted" : Describe(thrown))}");
            if (CheckAuthorization(number, step.Actor, step.Command, thrown))
            {
                CheckUnchanged(number, before, after);
                _unauthorized++;
                return model;
            }

            switch (prediction.Outcome, thrown)
            {
                case (PredictedOutcome.Accepted or PredictedOutcome.AcceptedOrRefusedByRule, null):
                    CheckAccepted(number, before, after, step.Actor, step.Command.Name, model.State, prediction.Next!, at);
                    await CheckWorkflowAsync(number, step.Command, prediction.Next!, result?.Record, after, cancellationToken).ConfigureAwait(false);
                    return prediction.Next!;

                case (PredictedOutcome.RefusedByState, InvalidTransitionException refusal):
                    Check(number, refusal.State == model.State, () => $"InvalidTransitionException names state {refusal.State}; the record is in {model.State}");
                    break;

                case (PredictedOutcome.RefusedByRule, DomainRuleViolationException violation):
                    Check(number, violation.Code == prediction.RuleCode, () => $"the rule refused with {violation.Code}; the model expected {prediction.RuleCode}");
                    break;

                case (PredictedOutcome.AcceptedOrRefusedByRule, DomainRuleViolationException):
                    break;

                default:
                    Fail(number, $"the model predicted {prediction}, but the engine {(thrown is null ? "accepted the command" : "threw " + Describe(thrown))}");
                    break;
            }

            CheckUnchanged(number, before, after);
            await CheckWorkflowAsync(number, null, model, null, after, cancellationToken).ConfigureAwait(false);
            _refused++;
            return model;
        }

        public LifecycleRun Result(LifecycleModel<TRecord>? model) =>
            new(model?.State, _version, _accepted, _refused, _unauthorized, _states.AsReadOnly());

        /// <summary>Whether the authorizer refused; fails when that disagrees with the host's stated rule.</summary>
        private bool CheckAuthorization(int step, Actor actor, ItsmCommand command, Exception? thrown)
        {
            bool refused = thrown is ItsmAuthorizationException;
            if (options.ExpectAuthorized is { } expect && expect(actor, command) == refused)
            {
                Fail(step, refused
                    ? $"the authorizer refused {command.Name} by {actor}, which the host's rule allows"
                    : $"the authorizer allowed {command.Name} by {actor}, which the host's rule refuses");
            }

            return refused;
        }

        private void CheckAccepted(int step, Snapshot before, Snapshot after, Actor actor, string command, string fromState, LifecycleModel<TRecord> next, Instant at)
        {
            long expected = _version + 1;
            if (after.Stored is not { } stored)
            {
                Fail(step, "the command was accepted, but the store holds no record");
                return;
            }

            Check(step, stored.Version == expected, () => $"the stored version: expected {expected}, got {stored.Version}");
            Check(step, after.History.Count == expected, () => $"the audit log: expected {expected} entries, got {after.History.Count}");
            for (int i = 0; i < before.History.Count; i++)
            {
                Check(step, Same(before.History[i], after.History[i]), () => $"audit entry {i + 1} changed: {before.History[i]} became {after.History[i]}");
            }

            var entry = after.History[^1];
            Check(step, entry.Version == expected, () => $"the new audit entry's version: expected {expected}, got {entry.Version}");
            Check(step, entry.Command == command, () => $"the new audit entry's command: expected {command}, got {entry.Command}");
            Check(step, entry.FromState == fromState && entry.ToState == next.State, () => $"the new audit entry's states: expected {fromState} -> {next.State}, got {entry.FromState} -> {entry.ToState}");
            Check(step, entry.Actor.Id == actor.Id, () => $"the new audit entry's actor: expected {actor.Id}, got {entry.Actor.Id}");
            Check(step, entry.At == at, () => $"the new audit entry's instant: expected {at} (the clock), got {entry.At}");
            Check(step, stored.Index.State == next.State, () => $"the indexed state: expected {next.State}, got {stored.Index.State}");
            Check(step, stored.Index.IsOpen == next.IsOpen, () => $"the indexed open flag in {next.State}: expected {next.IsOpen}, got {stored.Index.IsOpen}");
            _version = expected;
            _accepted++;
            if (_states.Count == 0 || _states[^1] != next.State)
            {
                _states.Add(next.State);
            }
        }

        private void CheckUnchanged(int step, Snapshot before, Snapshot after)
        {
            Check(step, before.Stored?.Version == after.Stored?.Version, () => $"a refused command changed the stored version from {before.Stored?.Version} to {after.Stored?.Version}");
            Check(step, before.Stored?.State == after.Stored?.State, () => "a refused command changed the stored state");
            Check(step, before.Stored?.Index == after.Stored?.Index, () => $"a refused command changed the index from {before.Stored?.Index} to {after.Stored?.Index}");
            Check(step, before.History.Count == after.History.Count, () => $"a refused command changed the audit log from {before.History.Count} to {after.History.Count} entries");
        }

        private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
        {
            var store = engine.Store;
            var stored = await store.LoadAsync(scenario.Tenant, service.RecordType, _recordId, cancellationToken).ConfigureAwait(false);
            var history = await store.ReadHistoryAsync(scenario.Tenant, service.RecordType, _recordId, cancellationToken).ConfigureAwait(false);
            return new Snapshot(stored, history);
        }

        private static bool Same(AuditEntry a, AuditEntry b) =>
            a.Version == b.Version && a.Command == b.Command && a.FromState == b.FromState && a.ToState == b.ToState && a.At == b.At && a.Actor.Id == b.Actor.Id;

        private void Check(int step, bool condition, Func<string> problem)
        {
            if (!condition)
            {
                Fail(step, problem());
            }
        }

        private void Fail(int step, string problem) => throw new LifecycleInvariantException(step, problem, _trace.ToString());

        /// <summary>
        /// The workflow invariants after a step: the audit entry of an accepted command (<paramref name="live"/> is the
        /// engine's copy it returned; <paramref name="command"/> null for the creation or a refusal), then the record.
        /// </summary>
        private async Task CheckWorkflowAsync(int step, RecordCommand<TRecord>? command, LifecycleModel<TRecord> model, TRecord? live, Snapshot after, CancellationToken cancellationToken)
        {
            if (Workflow is null)
            {
                return;
            }

            if (live is not null && Workflow.Accepted(command, model, after.History[^1]) is { } entryProblem)
            {
                Fail(step, entryProblem);
            }

            if (await ReloadAsync(cancellationToken).ConfigureAwait(false) is { } reloaded && Workflow.CheckRecord(reloaded, live, model, after.History) is { } problem)
            {
                Fail(step, problem);
            }
        }

        /// <summary>The record as the engine loads it, or null when the host's authorizer refuses the read.</summary>
        private async Task<TRecord?> ReloadAsync(CancellationToken cancellationToken)
        {
            var (record, thrown) = await CaptureAsync(() => service.GetAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, cancellationToken)).ConfigureAwait(false);
            return thrown is null or ItsmAuthorizationException ? record : throw new LifecycleInvariantException(0, $"reloading the record failed: {Describe(thrown)}", _trace.ToString());
        }

        private static async Task<(T? Result, Exception? Thrown)> CaptureAsync<T>(Func<Task<T>> action)
        {
            try
            {
                return (await action().ConfigureAwait(false), null);
            }
#pragma warning disable CA1031 // Every outcome is compared with the model's; none may escape unjudged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return (default, ex);
            }
        }

        private static string Describe(Exception ex) => ex switch
        {
            InvalidTransitionException t => $"InvalidTransitionException (state {t.State}, trigger {t.Trigger})",
            DomainRuleViolationException r => $"DomainRuleViolationException {r.Code}",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
    }

    private sealed record Snapshot(StoredAggregate? Stored, IReadOnlyList<AuditEntry> History);
}
