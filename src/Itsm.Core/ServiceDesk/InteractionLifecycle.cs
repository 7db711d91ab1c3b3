using System.Collections.Generic;
using Stateless;
using Stateless.Graph;

namespace Itsm.ServiceDesk;

/// <summary>The interaction's state machine.</summary>
public static class InteractionLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<InteractionCommand> Commands { get; } = System.Enum.GetValues<InteractionCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/interaction.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = InteractionState.Logged;
        var machine = new StateMachine<InteractionState, InteractionCommand>(() => state, s => state = s);
        Configure(machine);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<InteractionState, InteractionCommand> machine)
    {
        machine.Configure(InteractionState.Logged)
            .Permit(InteractionCommand.ClassifyAsIncident, InteractionState.Incident)
            .Permit(InteractionCommand.ClassifyAsServiceRequest, InteractionState.ServiceRequest)
            .Permit(InteractionCommand.Answer, InteractionState.Answered);
        machine.Configure(InteractionState.Incident);
        machine.Configure(InteractionState.ServiceRequest);
        machine.Configure(InteractionState.Answered);
    }
}
