using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Sla;

namespace Itsm.Requests;

/// <summary>
/// A service request's audit entries as the SLA tracker's snapshots (see <c>IncidentSlaProjection</c>):
/// the one reading of the audit log that <see cref="ServiceRequest.ReplayTicketHistory"/> and the recomputes use.
/// The requester (the snapshot's caller) is the actor of the creating entry: whoever submits a request asks for it.
/// </summary>
internal static class ServiceRequestSlaProjection
{
    internal static TicketSlaProjection Instance { get; } = TicketSlaProjection.For<ServiceRequestState>(ServiceRequest.RecordType, "a request")
        .Opens<ServiceRequestSubmitted>(ServiceRequestSubmitted.CommandName, static (e, state, requester) => new TicketSnapshot
        {
            State = state,
            Caller = requester.Id,
            Priority = e.Priority,
            Service = e.Service?.Value,
            Offering = e.Offering?.Value,
            ConfigurationItems = Itsm.Common.TicketServiceFields.Texts(e.ConfigurationItems),
            Attributes = new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["item"] = e.ItemId }),
            OpenedAt = e.OpenedAt,
        })
        .On<ServiceRequestAssigned>(static (s, e) => s with { AssignmentGroup = e.Group?.Value })
        .On<ServiceRequestUnassigned>(static (s, _) => s with { AssignmentGroup = null })
        .Keeps<ServiceRequestApprovalRequested>()
        .Keeps<ServiceRequestApproved>()
        .Keeps<ServiceRequestRejected>()
        .Keeps<ServiceRequestApprovalRecorded>()
        .Keeps<ServiceRequestApprovalDelegated>()
        .Keeps<ServiceRequestFulfilmentStarted>()
        .Keeps<ServiceRequestFulfilled>()
        .Keeps<ServiceRequestClosed>()
        .Keeps<ServiceRequestCanceled>()
        .Keeps<SlaThresholdReached>()
        .Keeps<SlaRecomputed>()
        .Keeps<Itsm.Common.TicketSatisfactionRecorded>();
}
