using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Stateless;
using Stateless.Graph;

namespace Itsm.Problems;

/// <summary>
/// The problem's state machine: which command each state permits and where it leads. It is
/// configured once per thread, over the state of whichever problem is firing it (Stateless external
/// state storage), and shared by every problem: loading a problem builds nothing (see
/// <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>).
/// </summary>
public static class ProblemLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<ProblemCommand> Commands { get; } = Enum.GetValues<ProblemCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/problem.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = ProblemState.New;
        var machine = new StateMachine<ProblemState, ProblemCommand>(() => state, s => state = s);
        Configure(machine);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<ProblemState, ProblemCommand> machine)
    {
        machine.Configure(ProblemState.New)
            .Permit(ProblemCommand.Assess, ProblemState.Assess)
            .PermitReentry(ProblemCommand.LinkIncident)
            .PermitReentry(ProblemCommand.UnlinkIncident)
            .PermitReentry(ProblemCommand.Assign)
            .PermitReentry(ProblemCommand.Unassign)
            .Permit(ProblemCommand.Cancel, ProblemState.Canceled);
        ServiceModelUpdates(machine.Configure(ProblemState.New), supplier: true);

        machine.Configure(ProblemState.Assess)
            .Permit(ProblemCommand.StartRootCauseAnalysis, ProblemState.RootCauseAnalysis)
            .PermitReentry(ProblemCommand.DocumentWorkaround)
            .PermitReentry(ProblemCommand.LinkIncident)
            .PermitReentry(ProblemCommand.UnlinkIncident)
            .PermitReentry(ProblemCommand.Assign)
            .PermitReentry(ProblemCommand.Unassign)
            .Permit(ProblemCommand.Resolve, ProblemState.Resolved)
            .Permit(ProblemCommand.Cancel, ProblemState.Canceled);
        ServiceModelUpdates(machine.Configure(ProblemState.Assess), supplier: true);

        machine.Configure(ProblemState.RootCauseAnalysis)
            .PermitReentry(ProblemCommand.RecordRootCause)
            .PermitReentry(ProblemCommand.DocumentWorkaround)
            .PermitReentry(ProblemCommand.MarkAsKnownError)
            .Permit(ProblemCommand.StartFix, ProblemState.FixInProgress)
            .PermitReentry(ProblemCommand.RaiseChange)
            .PermitReentry(ProblemCommand.LinkIncident)
            .PermitReentry(ProblemCommand.UnlinkIncident)
            .PermitReentry(ProblemCommand.Assign)
            .PermitReentry(ProblemCommand.Unassign)
            .Permit(ProblemCommand.Resolve, ProblemState.Resolved)
            .Permit(ProblemCommand.Cancel, ProblemState.Canceled);
        ServiceModelUpdates(machine.Configure(ProblemState.RootCauseAnalysis), supplier: true);

        machine.Configure(ProblemState.FixInProgress)
            .PermitReentry(ProblemCommand.RecordRootCause)
            .PermitReentry(ProblemCommand.DocumentWorkaround)
            .PermitReentry(ProblemCommand.MarkAsKnownError)
            .PermitReentry(ProblemCommand.RaiseChange)
            .PermitReentry(ProblemCommand.LinkIncident)
            .PermitReentry(ProblemCommand.UnlinkIncident)
            .PermitReentry(ProblemCommand.Assign)
            .PermitReentry(ProblemCommand.Unassign)
            .Permit(ProblemCommand.Resolve, ProblemState.Resolved)
            .Permit(ProblemCommand.Cancel, ProblemState.Canceled);
        ServiceModelUpdates(machine.Configure(ProblemState.FixInProgress), supplier: true);

        machine.Configure(ProblemState.Resolved)
            .PermitReentry(ProblemCommand.LinkIncident)
            .PermitReentry(ProblemCommand.UnlinkIncident)
            .PermitReentry(ProblemCommand.Assign)
            .PermitReentry(ProblemCommand.Unassign)
            .Permit(ProblemCommand.Close, ProblemState.Closed);
        ServiceModelUpdates(machine.Configure(ProblemState.Resolved), supplier: false);

        machine.Configure(ProblemState.Closed);
        machine.Configure(ProblemState.Canceled);
        Journal.JournalLifecycle.Permit(
            machine,
            [ProblemState.New, ProblemState.Assess, ProblemState.RootCauseAnalysis, ProblemState.FixInProgress, ProblemState.Resolved],
            ProblemCommand.AddWorkNote,
            ProblemCommand.AddComment,
            ProblemCommand.LogTime);
    }

    // The service, offering and configuration items can be corrected until the problem is closed; a
    // supplier is assigned only while the problem is still being investigated or fixed.
    private static void ServiceModelUpdates(StateMachine<ProblemState, ProblemCommand>.StateConfiguration state, bool supplier)
    {
        state.PermitReentry(ProblemCommand.ChangeService)
            .PermitReentry(ProblemCommand.AddConfigurationItem)
            .PermitReentry(ProblemCommand.RemoveConfigurationItem)
            .PermitReentry(ProblemCommand.LinkKnowledgeArticle);
        if (supplier)
        {
            state.PermitReentry(ProblemCommand.AssignToSupplier);
        }
    }
}
