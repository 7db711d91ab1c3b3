using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace Itsm.Incidents;

/// <summary>
/// The incident's state machine: which command each state permits and where it leads. It is
/// configured once per thread, over the state of whichever incident is firing it (Stateless external
/// state storage), and shared by every incident: loading an incident builds nothing (see
/// <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>).
/// </summary>
public static class IncidentLifecycle
{
    // Commands that record data without changing the state, while the incident is open.
    private static readonly IncidentCommand[] OpenUpdates =
    [
        IncidentCommand.ChangeImpactOrUrgency,
        IncidentCommand.EscalateFunctionally,
        IncidentCommand.EscalateHierarchically,
        IncidentCommand.PromoteToMajor,
        IncidentCommand.DemoteFromMajor,
        IncidentCommand.AttachToParent,
        IncidentCommand.RecordPostIncidentReview,
        IncidentCommand.LinkCausedByChange,
        IncidentCommand.LinkProblem,
        IncidentCommand.SlaThreshold,
    ];

    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<IncidentCommand> Commands { get; } = Enum.GetValues<IncidentCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/incident.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = IncidentState.New;
        var machine = new StateMachine<IncidentState, IncidentCommand>(() => state, s => state = s);
        Configure(machine, () => null);
        return MermaidGraph.Format(machine.GetInfo());
    }


    internal static void Configure(StateMachine<IncidentState, IncidentCommand> machine, Func<OnHoldReason?> onHoldReason)
    {
        var fresh = machine.Configure(IncidentState.New)
            .Permit(IncidentCommand.Assign, IncidentState.InProgress)
            .Permit(IncidentCommand.PutOnHold, IncidentState.OnHold)
            .Permit(IncidentCommand.Resolve, IncidentState.Resolved)
            .Permit(IncidentCommand.Cancel, IncidentState.Canceled)
            .PermitReentry(IncidentCommand.RecordCallerResponse);
        Updates(fresh);

        var working = machine.Configure(IncidentState.InProgress)
            .PermitReentry(IncidentCommand.Assign)
            .Permit(IncidentCommand.PutOnHold, IncidentState.OnHold)
            .Permit(IncidentCommand.Resolve, IncidentState.Resolved)
            .Permit(IncidentCommand.Cancel, IncidentState.Canceled)
            .PermitReentry(IncidentCommand.RecordCallerResponse);
        Updates(working);

        var onHold = machine.Configure(IncidentState.OnHold)
            .PermitReentry(IncidentCommand.Assign)
            .Permit(IncidentCommand.Resume, IncidentState.InProgress)
            .PermitDynamic(
                IncidentCommand.RecordCallerResponse,
                () => onHoldReason() == OnHoldReason.AwaitingCaller ? IncidentState.InProgress : IncidentState.OnHold,
                "on-hold reason",
                new DynamicStateInfos
                {
                    { IncidentState.InProgress, "AwaitingCaller" },
                    { IncidentState.OnHold, "any other reason" },
                })
            .Permit(IncidentCommand.Resolve, IncidentState.Resolved)
            .Permit(IncidentCommand.Cancel, IncidentState.Canceled);
        Updates(onHold);

        machine.Configure(IncidentState.Resolved)
            .Permit(IncidentCommand.Reopen, IncidentState.InProgress)
            .Permit(IncidentCommand.Close, IncidentState.Closed)
            .PermitReentry(IncidentCommand.RecordPostIncidentReview)
            .PermitReentry(IncidentCommand.LinkCausedByChange)
            .PermitReentry(IncidentCommand.LinkProblem)
            .PermitReentry(IncidentCommand.SlaThreshold);

        machine.Configure(IncidentState.Closed);
        machine.Configure(IncidentState.Canceled);
    }

    private static void Updates(StateMachine<IncidentState, IncidentCommand>.StateConfiguration configuration)
    {
        foreach (var command in OpenUpdates)
        {
            configuration.PermitReentry(command);
        }
    }
}
