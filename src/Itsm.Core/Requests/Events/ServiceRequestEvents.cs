using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Reads the audit entries of service requests as typed events (docs/events.md lists the mapping).</summary>
internal static class ServiceRequestEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            ServiceRequestSubmitted.CommandName => ServiceRequestSubmitted.Read(data),
            ServiceRequestApprovalRequested.CommandName => ServiceRequestApprovalRequested.Read(data),
            ServiceRequestApproved.CommandName => ServiceRequestApproved.Read(data),
            ServiceRequestRejected.CommandName => ServiceRequestRejected.Read(data),
            ServiceRequestApprovalRecorded.CommandName => ServiceRequestApprovalRecorded.Read(data),
            ServiceRequestApprovalDelegated.CommandName => ServiceRequestApprovalDelegated.Read(data),
            Approvals.ApprovalLevelOverdue.CommandName => Approvals.ApprovalLevelOverdue.Read(data),
            ServiceRequestFulfilmentStarted.CommandName => ServiceRequestFulfilmentStarted.Read(data),
            ServiceRequestFulfilled.CommandName => ServiceRequestFulfilled.Read(data),
            ServiceRequestClosed.CommandName => ServiceRequestClosed.Read(data),
            ServiceRequestCanceled.CommandName => ServiceRequestCanceled.Read(data),
            ServiceRequestAssigned.CommandName => ServiceRequestAssigned.Read(data),
            ServiceRequestUnassigned.CommandName => ServiceRequestUnassigned.Read(data),
            Sla.SlaThresholdReached.CommandName => Sla.SlaThresholdReached.Read(data),
            Sla.SlaRecomputed.CommandName => Sla.SlaRecomputed.Read(data),
            _ => TicketServiceFields.ReadEvent(command, data) ?? TicketPracticeEvents.ReadEvent(command, data),
        };
}
