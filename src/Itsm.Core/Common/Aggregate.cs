using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using NodaTime;
using Stateless;

namespace Itsm.Common;

/// <summary>
/// What every record with a lifecycle shares (incidents, problems, changes, service requests,
/// interactions, improvement items): its key, its state, its version, the audit entries of
/// commands not yet saved, and the commands its state permits.
/// </summary>
/// <typeparam name="TId">The record's id type, for example <see cref="IncidentId"/>.</typeparam>
/// <typeparam name="TState">Its states, for example <see cref="Itsm.Incidents.IncidentState"/>.</typeparam>
/// <typeparam name="TCommand">The kinds of command it accepts (its Stateless triggers), for example <see cref="Itsm.Incidents.IncidentCommand"/>.</typeparam>
/// <remarks>
/// <para>Every accepted command changes the record, raises <see cref="Version"/> by one and appends
/// exactly one <see cref="AuditEntry"/> (whose <see cref="AuditEntry.Event"/> is the command's typed
/// <see cref="DomainEvent"/>) to <see cref="UncommittedAuditEntries"/>. A refused command changes
/// nothing: the state is checked first (<see cref="InvalidTransitionException"/>), then the rules
/// (<see cref="DomainRuleViolationException"/>), and only then does anything change.</para>
/// <para>The state machine is a Stateless <c>StateMachine</c> over the state the record holds,
/// configured once per thread and lifecycle variant and shared by every record of that variant: a
/// record loaded for one command pays nothing to build it. Records are not thread-safe; different
/// records may be commanded on different threads at once.</para>
/// <para>Only this library derives from this class.</para>
/// </remarks>
public abstract partial class Aggregate<TId, TState, TCommand> : ILifecycleRecord
    where TId : struct
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly string _recordType;
    private readonly List<AuditEntry> _uncommitted = [];
    private Dictionary<TState, IReadOnlyList<TCommand>>? _permitted;

    private protected Aggregate(string recordType, TenantId tenant, TId id, IClock clock)
    {
        _recordType = recordType;
        Tenant = tenant;
        Id = id;
        RecordId = id.ToString()!;
        Clock = clock;
    }

    /// <summary>The tenant the record belongs to.</summary>
    public TenantId Tenant { get; }

    /// <summary>The record's id.</summary>
    public TId Id { get; }

    /// <summary>The current state.</summary>
    public TState State { get; internal set; }

    /// <summary>
    /// The record's ticket number as people say it, for example <c>INC0000042</c>: allocated by the store in
    /// the transaction that first saved the record (per tenant and record type, never reused) and formatted by
    /// the engine's <c>ItsmEngineOptions.TicketNumbers</c>. <see langword="null"/> for a record not yet saved,
    /// or one built or loaded without an engine.
    /// </summary>
    /// <remarks>The number belongs to the record, not to its state document or its audit entries: it is
    /// stored beside the state, and an engine sets it when it loads the record or commits its creation.</remarks>
    public string? Number { get; private set; }

    /// <inheritdoc cref="Number"/>
    string? ILifecycleRecord.Number
    {
        get => Number;
        set => Number = value;
    }

    /// <summary>The number of accepted commands, the creating one included (1 for a new record).</summary>
    public long Version { get; private set; }

    /// <summary>The audit entries of accepted commands not yet saved, oldest first; see <see cref="AcceptAuditEntries"/>.</summary>
    public IReadOnlyList<AuditEntry> UncommittedAuditEntries => _uncommitted;

    /// <summary>The commands the current state permits (arguments and rules aside).</summary>
    /// <remarks>Under a workflow (<see cref="Workflow"/>), the commands of the current custom state: its library
    /// state's, less those the custom state blocks, with <c>TransitionWorkflow</c> where named transitions leave it.</remarks>
    public IReadOnlyList<TCommand> PermittedCommands => _workflow is null ? PermittedTable()[State] : WorkflowPermitted()[_workflowState];

    /// <summary>The record's id as text, as audit entries and stores carry it.</summary>
    string ILifecycleRecord.RecordId => RecordId;

    /// <summary>The id as text, computed once.</summary>
    internal string RecordId { get; }

    /// <summary>The clock commands take their time from.</summary>
    private protected IClock Clock { get; }

    /// <summary>
    /// The key of the permitted-command table: records with the same key permit the same commands
    /// in the same state (the record type, or for changes the record type and change type).
    /// </summary>
    private protected virtual string LifecycleVariant => _recordType;

    /// <summary>The key of the shared machine: records with the same key are driven by the same configured machine.</summary>
    private protected virtual string MachineVariant => LifecycleVariant;

    /// <summary>Whether the current state permits <paramref name="command"/> (arguments and rules aside).</summary>
    /// <param name="command">The command.</param>
    /// <returns><see langword="true"/> when permitted.</returns>
    public bool Permits(TCommand command)
    {
        var permitted = PermittedCommands;
        for (int i = 0; i < permitted.Count; i++)
        {
            if (EqualityComparer<TCommand>.Default.Equals(permitted[i], command))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks the audit entries as saved: the engine (or a host saving records itself) calls this after committing them.</summary>
    public void AcceptAuditEntries()
    {
        _uncommitted.Clear();
        OnAccepted();
    }

    /// <summary>Runs when the uncommitted entries are accepted (tickets settle their SLA ledger).</summary>
    private protected virtual void OnAccepted()
    {
    }

    /// <summary>
    /// Configures the machine of this record's variant. It is called once per thread and variant, on
    /// a record of that variant; <paramref name="current"/> returns the record the machine is firing
    /// for at the time (for dynamic transitions that read the record).
    /// </summary>
    private protected abstract void ConfigureLifecycle(StateMachine<TState, TCommand> machine, Func<Aggregate<TId, TState, TCommand>> current);

    /// <summary>Runs after every accepted command's change, before its audit entry is recorded (tickets append their SLA snapshot).</summary>
    private protected virtual void OnCommandApplied(Instant at)
    {
    }

    /// <summary>The refusal of <paramref name="command"/> in the current state.</summary>
    internal InvalidTransitionException Refuse(TCommand command) => Refuse(State, command, PermittedCommands);

    /// <summary>
    /// Runs one command: the state must permit it, then <paramref name="checkRules"/> must pass; only
    /// then the transition fires, <paramref name="apply"/> changes the data, and one audit entry
    /// carrying <paramref name="event"/> is recorded.
    /// </summary>
    private protected void Execute(Actor actor, TCommand command, Action<Instant> apply, DomainEvent @event, Action? checkRules = null)
    {
        if (!Permits(command))
        {
            throw Refuse(command);
        }

        checkRules?.Invoke();
        var from = State;
        var at = Clock.GetCurrentInstant();
        var fromWorkflowState = _workflowState;
        AggregateLifecycle<TId, TState, TCommand>.Fire(this, command);
        apply(at);
        if (_workflow is not null)
        {
            _workflowState = _workflow.Table.Next(_workflowState, command, State);
        }

        OnCommandApplied(at);
        Record(actor, from, at, @event, fromWorkflowState);
    }

    /// <summary>
    /// Runs an SLA recompute (a ticket's ledger replaced by one rebuilt from its audit log) on the ticket's SLA
    /// bookkeeping trigger <paramref name="bookkeeping"/>: permitted wherever a threshold may be recorded, refused
    /// elsewhere naming <c>RecomputeSla</c>, and recorded as an <see cref="Itsm.Sla.SlaRecomputed"/> entry.
    /// </summary>
    private protected void RecordSlaRecompute(Actor actor, string reason, TCommand bookkeeping, Action replace)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        if (!Permits(bookkeeping))
        {
            var refusal = Refuse(bookkeeping);
            throw new InvalidTransitionException(refusal.RecordType, refusal.State, Itsm.Sla.SlaRecomputed.CommandName, refusal.PermittedTriggers);
        }

        Execute(actor, bookkeeping, _ => replace(), new Itsm.Sla.SlaRecomputed(reason));
    }

    /// <summary>Records the creating command of a new record (its state already set).</summary>
    private protected void RecordCreation(Actor actor, Instant at, DomainEvent @event) => Record(actor, State, at, @event, -1);

    /// <summary>
    /// Puts a record rebuilt from stored state at its stored <paramref name="version"/>, with no
    /// uncommitted entries: the next accepted command records version + 1.
    /// </summary>
    internal void Restore(long version)
    {
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "A stored record's version is at least 1.");
        }

        Version = version;
        _uncommitted.Clear();
    }

    internal void ConfigureMachine(StateMachine<TState, TCommand> machine, Func<Aggregate<TId, TState, TCommand>> current) =>
        ConfigureLifecycle(machine, current);

    internal string MachineKey => MachineVariant;

    internal InvalidTransitionException Refuse(TState state, TCommand command, IEnumerable<TCommand> permitted)
    {
        var names = new List<string>();
        foreach (var p in permitted)
        {
            names.Add(p.ToString());
        }

        return new(_recordType, state.ToString(), command.ToString(), names);
    }

    /// <summary>Records one accepted command; under a workflow, an entry that changes the custom state (or creates the record) carries the state entered.</summary>
    private void Record(Actor actor, TState from, Instant at, DomainEvent @event, int fromWorkflowState)
    {
        Version++;
        var data = @event.ToAuditData();
        if (_workflow is not null && _workflowState != fromWorkflowState)
        {
            data = AuditEntry.WithWorkflowState(data, _workflow.Table.Names[_workflowState]);
        }

        _uncommitted.Add(new AuditEntry(Tenant, _recordType, RecordId, Version, at, actor, @event.Command, EnumNames<TState>.Of(from), EnumNames<TState>.Of(State), data));
    }

    private Dictionary<TState, IReadOnlyList<TCommand>> PermittedTable() =>
        _permitted ??= AggregateLifecycle<TId, TState, TCommand>.PermittedTable(this, LifecycleVariant);
}
