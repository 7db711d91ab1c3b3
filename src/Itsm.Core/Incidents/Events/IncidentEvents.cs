using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Reads the audit entries of incidents as typed events (docs/events.md lists the mapping).</summary>
internal static class IncidentEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            IncidentOpened.CommandName => IncidentOpened.Read(data),
            IncidentAssigned.CommandName => IncidentAssigned.Read(data),
            IncidentUnassigned.CommandName => IncidentUnassigned.Read(data),
            IncidentWorkStarted.CommandName => IncidentWorkStarted.Read(data),
            IncidentHoldReasonChanged.CommandName => IncidentHoldReasonChanged.Read(data),
            IncidentPutOnHold.CommandName => IncidentPutOnHold.Read(data),
            IncidentResumed.CommandName => IncidentResumed.Read(data),
            CallerResponseRecorded.CommandName => CallerResponseRecorded.Read(data),
            IncidentResolved.CommandName => IncidentResolved.Read(data),
            IncidentReopened.CommandName => IncidentReopened.Read(data),
            IncidentClosed.CommandName => IncidentClosed.Read(data),
            IncidentCanceled.CommandName => IncidentCanceled.Read(data),
            IncidentPriorityChanged.CommandName => IncidentPriorityChanged.Read(data),
            IncidentEscalatedFunctionally.CommandName => IncidentEscalatedFunctionally.Read(data),
            IncidentEscalatedHierarchically.CommandName => IncidentEscalatedHierarchically.Read(data),
            IncidentPromotedToMajor.CommandName => IncidentPromotedToMajor.Read(data),
            IncidentDemotedFromMajor.CommandName => IncidentDemotedFromMajor.Read(data),
            IncidentAttachedToParent.CommandName => IncidentAttachedToParent.Read(data),
            PostIncidentReviewRecorded.CommandName => PostIncidentReviewRecorded.Read(data),
            IncidentLinkedToCausingChange.CommandName => IncidentLinkedToCausingChange.Read(data),
            IncidentLinkedToProblem.CommandName => IncidentLinkedToProblem.Read(data),
            Sla.SlaThresholdReached.CommandName => Sla.SlaThresholdReached.Read(data),
            Sla.SlaRecomputed.CommandName => Sla.SlaRecomputed.Read(data),
            _ => TicketServiceFields.ReadEvent(command, data) ?? TicketPracticeEvents.ReadEvent(command, data),
        };
}
