using System;
using System.Collections.Generic;
using System.Linq;
using Stateless;
using NodaTime;

namespace Itsm.Common;

/// <summary>
/// What every lifecycle aggregate shares: a Stateless machine over the state the aggregate holds
/// (configured once per thread and variant and shared by the records of that variant, so a record
/// loaded for one command pays nothing to build it), the version, and the audit entries of accepted
/// commands.
/// Commands run in one order: the state must permit the command, then its rules must hold; only
/// then does anything change (the transition, the data, one audit entry, one version).
/// </summary>
internal sealed class AggregateLifecycle<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private static readonly TCommand[] AllCommands = Enum.GetValues<TCommand>();

    // The commands each state permits. These lifecycles have no guards (the state alone decides;
    // rules are checked separately), so the table is the same for every record of one variant
    // (a record type, or a change type) and is computed once per variant, from a throwaway
    // machine; checking it costs no allocation, unlike CanFire.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<TState, IReadOnlyList<TCommand>>> Tables = new(StringComparer.Ordinal);

    private readonly string _recordType;
    private readonly TenantId _tenant;
    private readonly string _recordId;
    private readonly IClock _clock;
    private readonly Func<TState> _getState;
    private readonly Action<TState> _setState;
    private readonly Action<StateMachine<TState, TCommand>, Func<object>> _configure;
    private readonly object _owner;
    private readonly string _machineVariant;

    // Runs after every accepted command's change (a ticket's TicketHistory): set once per record,
    // so a command allocates no wrapper around its own change.
    private readonly Action<Instant>? _applied;
    private readonly List<AuditEntry> _uncommitted = [];
    private readonly string _variant;
    private Dictionary<TState, IReadOnlyList<TCommand>>? _permitted;

    // One configured machine per thread and machine variant, shared by every record of that variant:
    // a record loaded from a store runs one command and is gone, so building a machine per record
    // (about 4 µs and 16 KB) would be paid for every command. The machine reads and writes the state
    // of whichever record is firing it (Current), set around each Fire; Stateless machines are not
    // thread-safe, hence one per thread. The lifecycles configure no entry or exit actions, so a Fire
    // never runs another record's command in between.
    [ThreadStatic]
    private static Dictionary<string, SharedMachine>? t_machines;

    internal AggregateLifecycle(
        string recordType,
        TenantId tenant,
        string recordId,
        IClock clock,
        Func<TState> getState,
        Action<TState> setState,
        object owner,
        Action<StateMachine<TState, TCommand>, Func<object>> configure,
        string? variant = null,
        string? machineVariant = null,
        Action<Instant>? applied = null)
    {
        _variant = variant ?? recordType;
        _recordType = recordType;
        _tenant = tenant;
        _recordId = recordId;
        _clock = clock;
        _getState = getState;
        _setState = setState;
        _configure = configure;
        _owner = owner;
        _machineVariant = machineVariant ?? _variant;
        _applied = applied;
    }

    internal long Version { get; private set; }

    internal IReadOnlyList<AuditEntry> Uncommitted => _uncommitted;

    internal IClock Clock => _clock;

    private SharedMachine Shared()
    {
        var machines = t_machines ??= new Dictionary<string, SharedMachine>(StringComparer.Ordinal);
        if (!machines.TryGetValue(_machineVariant, out var shared))
        {
            shared = new SharedMachine();
            var box = shared;

            // Stateless reads the state while it is being built: let it read this record's.
            box.Current = this;
            try
            {
                var machine = new StateMachine<TState, TCommand>(() => box.Current!._getState(), state => box.Current!._setState(state));
                // Commands are checked against the permitted table before they fire; this keeps
                // Stateless's own exception from ever reaching a caller.
                machine.OnUnhandledTrigger((state, command) => throw box.Current!.Refuse(state, command, []));
                _configure(machine, () => box.Current!._owner);
                shared.Machine = machine;
            }
            finally
            {
                box.Current = null;
            }

            machines[_machineVariant] = shared;
        }

        return shared;
    }

    internal bool Permits(TCommand command)
    {
        var permitted = PermittedCommands();
        for (int i = 0; i < permitted.Count; i++)
        {
            if (EqualityComparer<TCommand>.Default.Equals(permitted[i], command))
            {
                return true;
            }
        }

        return false;
    }

    internal IReadOnlyList<TCommand> PermittedCommands() =>
        (_permitted ??= Tables.GetOrAdd(_variant, static (_, self) => self.BuildPermittedTable(), this))[_getState()];

    private Dictionary<TState, IReadOnlyList<TCommand>> BuildPermittedTable()
    {
        var probe = default(TState);
        var template = new StateMachine<TState, TCommand>(() => probe, s => probe = s);
        _configure(template, () => _owner);
        var table = new Dictionary<TState, IReadOnlyList<TCommand>>();
        foreach (var state in Enum.GetValues<TState>())
        {
            probe = state;
            table[state] = Array.AsReadOnly(AllCommands.Where(template.CanFire).ToArray());
        }

        return table;
    }

    internal InvalidTransitionException Refuse(TCommand command) => Refuse(_getState(), command, PermittedCommands());

    internal void Execute(Actor actor, TCommand command, Action<Instant> apply, IReadOnlyDictionary<string, string> data, Action? checkRules)
    {
        if (!Permits(command))
        {
            throw Refuse(command);
        }

        checkRules?.Invoke();
        var from = _getState();
        var at = _clock.GetCurrentInstant();
        var shared = Shared();
        var previous = shared.Current;
        shared.Current = this;
        try
        {
            shared.Machine.Fire(command);
        }
        catch
        {
            // A machine that failed mid-fire is not trusted again.
            t_machines!.Remove(_machineVariant);
            throw;
        }
        finally
        {
            shared.Current = previous;
        }

        apply(at);
        _applied?.Invoke(at);
        Record(actor, command.ToString(), from, at, data);
    }

    internal void Record(Actor actor, string command, TState from, Instant at, IReadOnlyDictionary<string, string> data)
    {
        Version++;
        _uncommitted.Add(new AuditEntry(_tenant, _recordType, _recordId, Version, at, actor, command, from.ToString(), _getState().ToString(), data));
    }

    internal void AcceptAuditEntries() => _uncommitted.Clear();

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

    private InvalidTransitionException Refuse(TState state, TCommand command, IEnumerable<TCommand> permitted) =>
        new(_recordType, state.ToString(), command.ToString(), permitted.Select(c => c.ToString()));

    private sealed class SharedMachine
    {
        internal AggregateLifecycle<TState, TCommand>? Current;

        internal StateMachine<TState, TCommand> Machine = null!;
    }
}
