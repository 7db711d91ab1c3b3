using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Stateless;
using Stateless.Reflection;

namespace Itsm.Common;

/// <summary>
/// The Stateless side of <see cref="Aggregate{TId, TState, TCommand}"/>, in two caches:
/// the permitted-command table of each lifecycle variant (computed once, from a throwaway machine),
/// and one configured machine per thread and machine variant, shared by every record of it.
/// </summary>
/// <remarks>
/// A record loaded from a store runs one command and is gone, so building a machine per record
/// (about 4 µs and 16 KB) would be paid on every command. A shared machine reads and writes the state
/// of whichever record is firing it (<see cref="SharedMachine.Current"/>, set around each Fire);
/// Stateless machines are not thread-safe, hence one per thread. The lifecycles configure no entry
/// or exit actions, so a Fire never runs another record's command in between. The lifecycles have
/// no guards either (rules are checked separately), so which commands a state permits depends on the
/// variant alone, and checking the table costs no allocation, unlike <c>CanFire</c>.
/// <para>A command whose transition is fixed (<c>Permit</c>, <c>PermitReentry</c>: no guard, no dynamic
/// destination) does not go through <c>Fire</c> at all: its destination is read from a table compiled
/// from the configured machine's own reflection (<c>GetInfo</c>) when the machine is built. With no
/// entry, exit or activation actions, no superstates and no transition handlers, Stateless's
/// <c>Fire</c> of such a transition does exactly one thing, set the state to the destination, and
/// costs about 1 KB of iterators, closures and boxes per command (issue 18). Dynamic transitions, and
/// any machine that configures more than transitions, still fire through Stateless.</para>
/// </remarks>
internal static class AggregateLifecycle<TId, TState, TCommand>
    where TId : struct
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private static readonly TCommand[] AllCommands = Enum.GetValues<TCommand>();

    private static readonly ConcurrentDictionary<string, Dictionary<TState, IReadOnlyList<TCommand>>> Tables = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static Dictionary<string, SharedMachine>? t_machines;

    internal static Dictionary<TState, IReadOnlyList<TCommand>> PermittedTable(Aggregate<TId, TState, TCommand> record, string variant) =>
        Tables.GetOrAdd(variant, static (_, record) => BuildPermittedTable(record), record);

    internal static void Fire(Aggregate<TId, TState, TCommand> record, TCommand command)
    {
        var shared = Shared(record);
        if (shared.Fixed.TryGetValue((record.State, command), out var destination))
        {
            record.State = destination;
            return;
        }

        var previous = shared.Current;
        shared.Current = record;
        try
        {
            shared.Machine.Fire(command);
        }
        catch
        {
            // A machine that failed mid-fire is not trusted again.
            t_machines!.Remove(record.MachineKey);
            throw;
        }
        finally
        {
            shared.Current = previous;
        }
    }

    private static SharedMachine Shared(Aggregate<TId, TState, TCommand> record)
    {
        var machines = t_machines ??= new Dictionary<string, SharedMachine>(StringComparer.Ordinal);
        if (!machines.TryGetValue(record.MachineKey, out var shared))
        {
            var box = new SharedMachine();

            // Stateless reads the state while it is being built: let it read this record's.
            box.Current = record;
            try
            {
                // The default (queued) firing mode: Stateless 5.20's immediate mode, which the lifecycles could use
                // (no entry, exit or transition actions, so nothing ever queues), costs more per Fire, not less
                // (it reads and boxes the state once more than the queue's one object: measured, issue 18).
                var machine = new StateMachine<TState, TCommand>(() => box.Current!.State, state => box.Current!.State = state);
                // Commands are checked against the permitted table before they fire; this keeps
                // Stateless's own exception from ever reaching a caller.
                machine.OnUnhandledTrigger((state, command) => throw box.Current!.Refuse(state, command, []));
                record.ConfigureMachine(machine, () => box.Current!);
                box.Machine = machine;
                box.Fixed = FixedTransitions(machine);
            }
            finally
            {
                box.Current = null;
            }

            machines[record.MachineKey] = shared = box;
        }

        return shared;
    }

    /// <summary>
    /// The destination of every fixed, unguarded transition of a configured machine, or none at all when
    /// the machine configures anything a table would skip (actions on entry, exit or activation, or a
    /// state hierarchy, whose handlers are inherited and whose exits and entries run in order).
    /// </summary>
    internal static Dictionary<(TState, TCommand), TState> FixedTransitions(StateMachine<TState, TCommand> machine)
    {
        var info = machine.GetInfo();
        var table = new Dictionary<(TState, TCommand), TState>();
        foreach (var state in info.States)
        {
            if (state.Superstate is not null || state.Substates.Any() || state.EntryActions.Any() || state.ExitActions.Any()
                || state.ActivateActions.Any() || state.DeactivateActions.Any())
            {
                return [];
            }
        }

        foreach (var state in info.States)
        {
            var from = (TState)state.UnderlyingState;

            // A trigger with more than one behaviour (guards), an ignored one or a dynamic one fires through Stateless.
            var handled = new Dictionary<TCommand, int>();
            foreach (var transition in state.Transitions)
            {
                var trigger = (TCommand)transition.Trigger.UnderlyingTrigger;
                handled[trigger] = handled.GetValueOrDefault(trigger) + 1;
            }

            foreach (var ignored in state.IgnoredTriggers)
            {
                handled[(TCommand)ignored.Trigger.UnderlyingTrigger] = 2;
            }

            foreach (var transition in state.FixedTransitions)
            {
                var trigger = (TCommand)transition.Trigger.UnderlyingTrigger;
                if (handled[trigger] == 1 && !transition.IsInternalTransition && !transition.GuardConditionsMethodDescriptions.Any())
                {
                    table[(from, trigger)] = (TState)transition.DestinationState.UnderlyingState;
                }
            }
        }

        return table;
    }

    private static Dictionary<TState, IReadOnlyList<TCommand>> BuildPermittedTable(Aggregate<TId, TState, TCommand> record)
    {
        var probe = default(TState);
        var template = new StateMachine<TState, TCommand>(() => probe, s => probe = s);
        record.ConfigureMachine(template, () => record);
        var table = new Dictionary<TState, IReadOnlyList<TCommand>>();
        foreach (var state in Enum.GetValues<TState>())
        {
            probe = state;
            var permitted = new List<TCommand>();
            foreach (var command in AllCommands)
            {
                if (template.CanFire(command))
                {
                    permitted.Add(command);
                }
            }

            table[state] = permitted.AsReadOnly();
        }

        return table;
    }

    private sealed class SharedMachine
    {
        internal Aggregate<TId, TState, TCommand>? Current;

        internal StateMachine<TState, TCommand> Machine = null!;

        internal Dictionary<(TState, TCommand), TState> Fixed = null!;
    }
}
