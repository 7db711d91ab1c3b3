using System.Collections.Generic;
using Stateless;
using Stateless.Graph;

namespace Itsm.Requests;

/// <summary>The service request's state machine: which command each state permits and where it leads.</summary>
public static class ServiceRequestLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<ServiceRequestCommand> Commands { get; } = System.Enum.GetValues<ServiceRequestCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/service-request.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = ServiceRequestState.Submitted;
        var machine = new StateMachine<ServiceRequestState, ServiceRequestCommand>(() => state, s => state = s);
        Configure(machine);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<ServiceRequestState, ServiceRequestCommand> machine)
    {
        machine.Configure(ServiceRequestState.Submitted)
            .Permit(ServiceRequestCommand.RequestApproval, ServiceRequestState.AwaitingApproval)
            .Permit(ServiceRequestCommand.StartFulfilment, ServiceRequestState.Fulfilling)
            .Permit(ServiceRequestCommand.Cancel, ServiceRequestState.Canceled)
            .PermitReentry(ServiceRequestCommand.SlaThreshold)
            .PermitReentry(ServiceRequestCommand.Assign)
            .PermitReentry(ServiceRequestCommand.Unassign);
        ServiceModelUpdates(machine.Configure(ServiceRequestState.Submitted), supplier: true);
        machine.Configure(ServiceRequestState.AwaitingApproval)
            .Permit(ServiceRequestCommand.Approve, ServiceRequestState.Fulfilling)
            .PermitReentry(ServiceRequestCommand.RecordApproval)
            .PermitReentry(ServiceRequestCommand.DelegateApproval)
            .PermitReentry(ServiceRequestCommand.ApprovalOverdue)
            .Permit(ServiceRequestCommand.Reject, ServiceRequestState.Rejected)
            .Permit(ServiceRequestCommand.Cancel, ServiceRequestState.Canceled)
            .PermitReentry(ServiceRequestCommand.SlaThreshold)
            .PermitReentry(ServiceRequestCommand.Assign)
            .PermitReentry(ServiceRequestCommand.Unassign);
        ServiceModelUpdates(machine.Configure(ServiceRequestState.AwaitingApproval), supplier: true);
        machine.Configure(ServiceRequestState.Fulfilling)
            .Permit(ServiceRequestCommand.Fulfil, ServiceRequestState.Fulfilled)
            .Permit(ServiceRequestCommand.Cancel, ServiceRequestState.Canceled)
            .PermitReentry(ServiceRequestCommand.SlaThreshold)
            .PermitReentry(ServiceRequestCommand.Assign)
            .PermitReentry(ServiceRequestCommand.Unassign);
        ServiceModelUpdates(machine.Configure(ServiceRequestState.Fulfilling), supplier: true);
        machine.Configure(ServiceRequestState.Fulfilled)
            .Permit(ServiceRequestCommand.Close, ServiceRequestState.Closed)
            .PermitReentry(ServiceRequestCommand.SlaThreshold)
            .PermitReentry(ServiceRequestCommand.Assign)
            .PermitReentry(ServiceRequestCommand.Unassign);
        ServiceModelUpdates(machine.Configure(ServiceRequestState.Fulfilled), supplier: false);
        machine.Configure(ServiceRequestState.Fulfilled).PermitReentry(ServiceRequestCommand.RecordSatisfaction);

        // Surveys come back after closure too: a closed request still takes its result.
        machine.Configure(ServiceRequestState.Closed)
            .PermitReentry(ServiceRequestCommand.RecordSatisfaction);
        machine.Configure(ServiceRequestState.Rejected);
        machine.Configure(ServiceRequestState.Canceled);
        Journal.JournalLifecycle.Permit(
            machine,
            [ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval, ServiceRequestState.Fulfilling, ServiceRequestState.Fulfilled],
            ServiceRequestCommand.AddWorkNote,
            ServiceRequestCommand.AddComment,
            ServiceRequestCommand.LogTime);
    }

    // The service, offering and configuration items can be corrected until the request is closed; a
    // supplier is assigned only while the request is still being worked.
    private static void ServiceModelUpdates(StateMachine<ServiceRequestState, ServiceRequestCommand>.StateConfiguration state, bool supplier)
    {
        state.PermitReentry(ServiceRequestCommand.ChangeService)
            .PermitReentry(ServiceRequestCommand.AddConfigurationItem)
            .PermitReentry(ServiceRequestCommand.RemoveConfigurationItem);
        if (supplier)
        {
            state.PermitReentry(ServiceRequestCommand.AssignToSupplier);
        }
    }
}
