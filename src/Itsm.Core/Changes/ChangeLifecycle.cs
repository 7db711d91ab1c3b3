using System;
using System.Collections.Generic;
using Stateless;
using Stateless.Graph;

namespace Itsm.Changes;

/// <summary>
/// The change's state machine, one configuration per <see cref="ChangeType"/> (the types take
/// different paths) and <see cref="RejectionPolicy"/> (where a rejection leads). The machine is
/// configured once per thread, type and rejection policy, over the state of whichever change is firing
/// it (Stateless external state storage), and shared by every change of that variant: loading a change
/// builds nothing (see <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>). There are no guards: the state and the type alone decide which commands are permitted.
/// </summary>
public static class ChangeLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<ChangeCommand> Commands { get; } = Enum.GetValues<ChangeCommand>();

    /// <summary>The lifecycle of one change type as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/change-*.md hold them).</summary>
    /// <param name="type">The change type.</param>
    /// <param name="rejection">Where a rejection leads.</param>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid(ChangeType type, RejectionPolicy rejection = RejectionPolicy.ReturnToNew)
    {
        var state = ChangeState.New;
        var machine = new StateMachine<ChangeState, ChangeCommand>(() => state, s => state = s);
        Configure(machine, type, rejection);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<ChangeState, ChangeCommand> machine, ChangeType type) =>
        Configure(machine, type, RejectionPolicy.ReturnToNew);

    internal static void Configure(StateMachine<ChangeState, ChangeCommand> machine, ChangeType type, RejectionPolicy rejection)
    {
        var rejected = rejection == RejectionPolicy.Cancel ? ChangeState.Canceled : ChangeState.New;
        switch (type)
        {
            case ChangeType.Normal:
                machine.Configure(ChangeState.New)
                    .Permit(ChangeCommand.Submit, ChangeState.Assess)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                machine.Configure(ChangeState.Assess)
                    .PermitReentry(ChangeCommand.AssessRisk)
                    .Permit(ChangeCommand.RequestAuthorization, ChangeState.Authorize)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                machine.Configure(ChangeState.Authorize)
                    .PermitReentry(ChangeCommand.Approve)
                    .PermitReentry(ChangeCommand.DelegateApproval)
                    .PermitReentry(ChangeCommand.ApprovalOverdue)
                    .Permit(ChangeCommand.Reject, rejected)
                    .Permit(ChangeCommand.Schedule, ChangeState.Scheduled)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                ConfigureScheduled(machine, ChangeState.Authorize);
                break;

            case ChangeType.Standard:
                machine.Configure(ChangeState.New)
                    .Permit(ChangeCommand.Schedule, ChangeState.Scheduled)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                machine.Configure(ChangeState.Assess);
                machine.Configure(ChangeState.Authorize);
                ConfigureScheduled(machine, ChangeState.New);
                break;

            case ChangeType.Emergency:
                machine.Configure(ChangeState.New)
                    .PermitReentry(ChangeCommand.AssessRisk)
                    .Permit(ChangeCommand.RequestAuthorization, ChangeState.Authorize)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                machine.Configure(ChangeState.Assess);
                machine.Configure(ChangeState.Authorize)
                    .PermitReentry(ChangeCommand.AssessRisk)
                    .PermitReentry(ChangeCommand.Approve)
                    .PermitReentry(ChangeCommand.DelegateApproval)
                    .PermitReentry(ChangeCommand.ApprovalOverdue)
                    .Permit(ChangeCommand.Reject, rejected)
                    .Permit(ChangeCommand.Schedule, ChangeState.Scheduled)
                    .PermitReentry(ChangeCommand.EditPlan)
                    .PermitReentry(ChangeCommand.EditWindow)
                    .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
                ConfigureScheduled(machine, ChangeState.Authorize);
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }

        Journal.JournalLifecycle.Permit(machine, ActiveStates(type), ChangeCommand.AddWorkNote, ChangeCommand.AddComment, ChangeCommand.LogTime);
        ServiceModelUpdates(machine, type);
    }

    // The scope commands (service, configuration items, supplier) and the group are permitted in every
    // state the type passes through before Closed and Canceled: the scope rule (ITSM-CHG-SCOPE-001) is a
    // domain rule, not a missing transition, so a refused scope edit says why rather than "not permitted".
    private static void ServiceModelUpdates(StateMachine<ChangeState, ChangeCommand> machine, ChangeType type)
    {
        foreach (var state in ActiveStates(type))
        {
            machine.Configure(state)
                .PermitReentry(ChangeCommand.ChangeService)
                .PermitReentry(ChangeCommand.AddConfigurationItem)
                .PermitReentry(ChangeCommand.RemoveConfigurationItem)
                .PermitReentry(ChangeCommand.AssignToSupplier)
                .PermitReentry(ChangeCommand.Assign);
        }
    }

    private static ChangeState[] ActiveStates(ChangeType type) => type switch
    {
        ChangeType.Normal => [ChangeState.New, ChangeState.Assess, ChangeState.Authorize, ChangeState.Scheduled, ChangeState.Implement, ChangeState.Review],
        ChangeType.Standard => [ChangeState.New, ChangeState.Scheduled, ChangeState.Implement, ChangeState.Review],
        _ => [ChangeState.New, ChangeState.Authorize, ChangeState.Scheduled, ChangeState.Implement, ChangeState.Review],
    };

    // Scheduled onwards is the same for every type, but for where an edit leads: back to where the
    // change is scheduled from (Authorize, or New for a standard change), so it is approved and
    // checked against the calendar again.
    private static void ConfigureScheduled(StateMachine<ChangeState, ChangeCommand> machine, ChangeState editedBackTo)
    {
        machine.Configure(ChangeState.Scheduled)
            .Permit(ChangeCommand.EditPlan, editedBackTo)
            .Permit(ChangeCommand.EditWindow, editedBackTo)
            .Permit(ChangeCommand.StartImplementation, ChangeState.Implement)
            .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
        machine.Configure(ChangeState.Implement)
            .Permit(ChangeCommand.CompleteImplementation, ChangeState.Review)
            .Permit(ChangeCommand.Cancel, ChangeState.Canceled);
        machine.Configure(ChangeState.Review)
            .Permit(ChangeCommand.Close, ChangeState.Closed);
        machine.Configure(ChangeState.Closed);
        machine.Configure(ChangeState.Canceled);
    }
}
