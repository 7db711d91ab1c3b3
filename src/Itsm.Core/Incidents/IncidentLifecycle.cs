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
/// configured once per thread and policy variant (<see cref="IncidentOptions.WorkStart"/>,
/// <see cref="IncidentReopenPolicy.FromClosed"/>), over the state of whichever incident is firing it
/// (Stateless external state storage), and shared by every incident of that variant: loading an
/// incident builds nothing (see <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>).
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
        IncidentCommand.Unassign,
        IncidentCommand.ChangeService,
        IncidentCommand.AddConfigurationItem,
        IncidentCommand.RemoveConfigurationItem,
        IncidentCommand.AssignToSupplier,
        IncidentCommand.LinkKnowledgeArticle,
    ];

    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<IncidentCommand> Commands { get; } = Enum.GetValues<IncidentCommand>();

    /// <summary>The lifecycle under the default options as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/incident.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid() => ToMermaid(IncidentOptions.Default);

    /// <summary>The lifecycle under <paramref name="options"/>' policies as a Mermaid state diagram, generated from the configured machine.</summary>
    /// <param name="options">The options whose policies shape the machine.</param>
    /// <returns>The Mermaid text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static string ToMermaid(IncidentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = IncidentState.New;
        var machine = new StateMachine<IncidentState, IncidentCommand>(() => state, s => state = s);
        Configure(machine, options, () => null, () => false);
        return MermaidGraph.Format(machine.GetInfo());
    }

    /// <summary>The key of the machine variant <paramref name="options"/> configure: one shared machine per key and thread.</summary>
    internal static string Variant(IncidentOptions options)
    {
        // Every incident loaded asks for its key: the keys of the defined policies are built once, not per load.
        int index = ((int)options.WorkStart * 2) + (options.Reopen.FromClosed ? 1 : 0);
        return (uint)index < (uint)Variants.Length ? Variants[index] : BuildVariant(options.WorkStart, options.Reopen.FromClosed);
    }

    private static readonly string[] Variants = BuildVariants();

    private static string[] BuildVariants()
    {
        var variants = new string[3 * 2];
        for (int i = 0; i < variants.Length; i++)
        {
            variants[i] = BuildVariant((IncidentWorkStart)(i / 2), i % 2 == 1);
        }

        return variants;
    }

    private static string BuildVariant(IncidentWorkStart workStart, bool reopenFromClosed) =>
        Incident.RecordType + "/" + workStart + (reopenFromClosed ? "/reopen-closed" : string.Empty);

    internal static void Configure(
        StateMachine<IncidentState, IncidentCommand> machine,
        IncidentOptions options,
        Func<OnHoldReason?> onHoldReason,
        Func<bool> assignmentNamesAgent)
    {
        var fresh = machine.Configure(IncidentState.New)
            .Permit(IncidentCommand.StartWork, IncidentState.InProgress)
            .Permit(IncidentCommand.PutOnHold, IncidentState.OnHold)
            .Permit(IncidentCommand.Resolve, IncidentState.Resolved)
            .Permit(IncidentCommand.Cancel, IncidentState.Canceled)
            .PermitReentry(IncidentCommand.RecordCallerResponse);
        switch (options.WorkStart)
        {
            case IncidentWorkStart.OnAssignment:
                fresh.Permit(IncidentCommand.Assign, IncidentState.InProgress);
                break;
            case IncidentWorkStart.OnAgentAssignment:
                fresh.PermitDynamic(
                    IncidentCommand.Assign,
                    () => assignmentNamesAgent() ? IncidentState.InProgress : IncidentState.New,
                    "assignee named",
                    new DynamicStateInfos
                    {
                        { IncidentState.InProgress, "an agent is assigned" },
                        { IncidentState.New, "only a group" },
                    });
                break;
            default:
                fresh.PermitReentry(IncidentCommand.Assign);
                break;
        }

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
            .PermitReentry(IncidentCommand.ChangeHoldReason)
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
            .PermitReentry(IncidentCommand.Assign)
            .PermitReentry(IncidentCommand.Unassign)
            .PermitReentry(IncidentCommand.ChangeImpactOrUrgency)
            .PermitReentry(IncidentCommand.RecordPostIncidentReview)
            .PermitReentry(IncidentCommand.LinkCausedByChange)
            .PermitReentry(IncidentCommand.LinkProblem)
            .PermitReentry(IncidentCommand.SlaThreshold)
            .PermitReentry(IncidentCommand.ChangeService)
            .PermitReentry(IncidentCommand.AddConfigurationItem)
            .PermitReentry(IncidentCommand.RemoveConfigurationItem)
            .PermitReentry(IncidentCommand.LinkKnowledgeArticle)
            .PermitReentry(IncidentCommand.RecordSatisfaction);

        // Surveys go out at resolution or closure and come back later: a closed incident still takes its result.
        var closed = machine.Configure(IncidentState.Closed)
            .PermitReentry(IncidentCommand.RecordSatisfaction);
        if (options.Reopen.FromClosed)
        {
            closed.Permit(IncidentCommand.Reopen, IncidentState.InProgress);
        }

        machine.Configure(IncidentState.Canceled);
        Journal.JournalLifecycle.Permit(
            machine,
            [IncidentState.New, IncidentState.InProgress, IncidentState.OnHold, IncidentState.Resolved],
            IncidentCommand.AddWorkNote,
            IncidentCommand.AddComment,
            IncidentCommand.LogTime);
    }

    private static void Updates(StateMachine<IncidentState, IncidentCommand>.StateConfiguration configuration)
    {
        foreach (var command in OpenUpdates)
        {
            configuration.PermitReentry(command);
        }
    }
}
