using System;
using System.Collections.Generic;
using Stateless;
using Stateless.Graph;

namespace Itsm.Improvement;

/// <summary>
/// The improvement item's state machine: which command each state permits and where it leads. It is
/// configured once per thread, over the state of whichever item is firing it (Stateless external state
/// storage), and shared by every item: loading an item builds nothing (see
/// <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>).
/// </summary>
public static class ImprovementItemLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<ImprovementItemCommand> Commands { get; } = Enum.GetValues<ImprovementItemCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/improvement-item.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = ImprovementItemState.Proposed;
        var machine = new StateMachine<ImprovementItemState, ImprovementItemCommand>(() => state, s => state = s);
        Configure(machine);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<ImprovementItemState, ImprovementItemCommand> machine)
    {
        machine.Configure(ImprovementItemState.Proposed)
            .PermitReentry(ImprovementItemCommand.Update)
            .Permit(ImprovementItemCommand.Approve, ImprovementItemState.Approved)
            .Permit(ImprovementItemCommand.Reject, ImprovementItemState.Rejected);

        machine.Configure(ImprovementItemState.Approved)
            .PermitReentry(ImprovementItemCommand.Update)
            .Permit(ImprovementItemCommand.Start, ImprovementItemState.InProgress);

        machine.Configure(ImprovementItemState.InProgress)
            .PermitReentry(ImprovementItemCommand.Update)
            .Permit(ImprovementItemCommand.Complete, ImprovementItemState.Done);

        machine.Configure(ImprovementItemState.Done);
        machine.Configure(ImprovementItemState.Rejected);
    }
}
