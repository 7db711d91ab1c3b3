using Itsm.Common;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>
/// The service request lifecycle: an item that needs approval goes through AwaitingApproval (and one that
/// does not, straight to fulfilment), the requester never approves or rejects their own request, SLA
/// thresholds are recorded in order, and assignments change something.
/// </summary>
internal sealed record ServiceRequestModel : LifecycleModel<ServiceRequest, ServiceRequestState, ServiceRequestCommand, ServiceRequestModel>
{
    public required bool RequiresApproval { get; init; }

    public required string RequesterId { get; init; }

    public Assignment Assigned { get; init; }

    public TicketFields Fields { get; init; }

    public static ServiceRequestModel Submitted(SubmitServiceRequest submit, Actor requester) => new()
    {
        Current = ServiceRequestState.Submitted,
        RequiresApproval = submit.Item.RequiresApproval,
        RequesterId = requester.Id,
        Fields = TicketFields.Opened(submit.Service, submit.Offering, submit.ConfigurationItems),
    };

    public override Prediction<ServiceRequest> Predict(RecordCommand<ServiceRequest> command, Actor actor, Instant at) => command switch
    {
        RequestServiceRequestApproval => Command(ServiceRequestCommand.RequestApproval, () => RequiresApproval ? null : "ITSM-REQ-APPROVAL-002"),
        StartServiceRequestFulfilment => Command(ServiceRequestCommand.StartFulfilment, () => RequiresApproval ? "ITSM-REQ-APPROVAL-001" : null),
        ApproveServiceRequest => Command(ServiceRequestCommand.Approve, () => Independent(actor)),
        RejectServiceRequest => Command(ServiceRequestCommand.Reject, () => Independent(actor)),
        FulfilServiceRequest => Command(ServiceRequestCommand.Fulfil, null),
        CloseServiceRequest => Command(ServiceRequestCommand.Close, null),
        CancelServiceRequest => Command(ServiceRequestCommand.Cancel, null),
        AssignServiceRequest c => Command(ServiceRequestCommand.Assign, () => Assigned.Unchanged(c.Group?.Value, c.Assignee, "ITSM-REQ-ASSIGN-001"), m => m with { Assigned = new(c.Group?.Value, c.Assignee) }),
        UnassignServiceRequest => Command(ServiceRequestCommand.Unassign, () => Assigned.Nothing("ITSM-REQ-ASSIGN-002"), m => m with { Assigned = default }),
        ChangeServiceRequestService c => Command(
            ServiceRequestCommand.ChangeService, () => Fields.ServiceUnchanged(c.Service, c.Offering, Prefix), m => m with { Fields = Fields with { Service = c.Service, Offering = c.Offering } }),
        AddServiceRequestConfigurationItem c => Command(
            ServiceRequestCommand.AddConfigurationItem, () => Fields.NotAddable(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Add(c.ConfigurationItem) } }),
        RemoveServiceRequestConfigurationItem c => Command(
            ServiceRequestCommand.RemoveConfigurationItem, () => Fields.NotNamed(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Remove(c.ConfigurationItem) } }),
        AssignServiceRequestToSupplier c => Command(
            ServiceRequestCommand.AssignToSupplier, () => Fields.SupplierUnchanged(c.Supplier, Prefix), m => m with { Fields = Fields with { Supplier = c.Supplier } }),
        // Thresholds come from the engine's agreements; their order is the SLA worker's business.
        RecordServiceRequestSlaThreshold => Command(ServiceRequestCommand.SlaThreshold, null, policyDependent: true),
        // The journal: the state is unchanged; the total-time bound is far beyond any generated history.
        AddServiceRequestWorkNote => Command(ServiceRequestCommand.AddWorkNote, null),
        AddServiceRequestComment => Command(ServiceRequestCommand.AddComment, null),
        LogServiceRequestTime => Command(ServiceRequestCommand.LogTime, null),
        RecordServiceRequestSatisfaction => Command(
            ServiceRequestCommand.RecordSatisfaction, () => Surveyed ? "ITSM-REQ-CSAT-001" : null, m => m with { Surveyed = true }),
        // The library table has no named transitions: without a workflow the state refuses them (WorkflowCheck judges them under one).
        TransitionServiceRequestWorkflow => Command(ServiceRequestCommand.TransitionWorkflow, null),
        _ => Unknown(command),
    };

    protected override ServiceRequestState? Next(ServiceRequestState state, ServiceRequestCommand kind) => (state, kind) switch
    {
        (ServiceRequestState.Submitted, ServiceRequestCommand.RequestApproval) => ServiceRequestState.AwaitingApproval,
        (ServiceRequestState.Submitted, ServiceRequestCommand.StartFulfilment) => ServiceRequestState.Fulfilling,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.Approve) => ServiceRequestState.Fulfilling,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.Reject) => ServiceRequestState.Rejected,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.RecordApproval or ServiceRequestCommand.DelegateApproval or ServiceRequestCommand.ApprovalOverdue) => ServiceRequestState.AwaitingApproval,
        (ServiceRequestState.Fulfilling, ServiceRequestCommand.Fulfil) => ServiceRequestState.Fulfilled,
        (ServiceRequestState.Fulfilled, ServiceRequestCommand.Close) => ServiceRequestState.Closed,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling, ServiceRequestCommand.Cancel) => ServiceRequestState.Canceled,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling or ServiceRequestState.Fulfilled,
            ServiceRequestCommand.SlaThreshold or ServiceRequestCommand.Assign or ServiceRequestCommand.Unassign
            or ServiceRequestCommand.ChangeService or ServiceRequestCommand.AddConfigurationItem or ServiceRequestCommand.RemoveConfigurationItem) => state,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling, ServiceRequestCommand.AssignToSupplier) => state,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling or ServiceRequestState.Fulfilled,
            ServiceRequestCommand.AddWorkNote or ServiceRequestCommand.AddComment or ServiceRequestCommand.LogTime) => state,
        (ServiceRequestState.Fulfilled or ServiceRequestState.Closed, ServiceRequestCommand.RecordSatisfaction) => state,
        _ => null,
    };

    private const string Prefix = "ITSM-REQ";

    protected override bool IsWork(ServiceRequestCommand kind) => kind != ServiceRequestCommand.RecordSatisfaction;

    /// <summary>Whether the request has its (single) survey result.</summary>
    public bool Surveyed { get; init; }

    private string? Independent(Actor approver) => approver.Id == RequesterId ? "ITSM-REQ-APPROVAL-003" : null;
}
