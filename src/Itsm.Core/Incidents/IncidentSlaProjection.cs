using System.Globalization;
using Itsm.Common;
using Itsm.Sla;

namespace Itsm.Incidents;

/// <summary>
/// An incident's audit entries as the SLA tracker's snapshots: the one reading of the audit log that
/// <see cref="Incident.ReplayTicketHistory"/>, <c>ItsmEngine.RecomputeIncidentSlaAsync</c> and the bulk
/// recompute use. An event that changes what <see cref="Incident.ToTicketSnapshot"/> shows needs a rule here
/// (<c>On</c>); one that does not is declared with <c>Keeps</c>. Tests check every incident event is one or the other
/// and that the projection of the audit log equals <see cref="Incident.ToTicketSnapshot"/> after every command.
/// </summary>
internal static class IncidentSlaProjection
{
    internal static TicketSlaProjection Instance { get; } = TicketSlaProjection.For<IncidentState>(Incident.RecordType, "an incident")
        .Opens<IncidentOpened>(IncidentOpened.CommandName, static (e, state, _) => new TicketSnapshot
        {
            State = state,
            Caller = e.CallerId,
            Priority = e.Priority,
            Service = e.Service?.Value,
            Offering = e.Offering?.Value,
            ConfigurationItems = TicketServiceFields.Texts(e.ConfigurationItems),
            Attributes = Incident.SnapshotAttributes(isMajor: false, escalationLevel: 0),
            OpenedAt = e.OpenedAt,
        })
        .On<IncidentPriorityChanged>(static (s, e) => s with { Priority = e.Priority })
        .On<IncidentPutOnHold>(static (s, e) => s with { OnHoldReason = e.Reason.ToString() })
        .On<IncidentHoldReasonChanged>(static (s, e) => s with { OnHoldReason = e.Reason.ToString() })
        .On<IncidentAssigned>(static (s, e) => s with { AssignmentGroup = e.Group?.Value })
        .On<IncidentUnassigned>(static (s, _) => s with { AssignmentGroup = null })
        .On<IncidentEscalatedFunctionally>(static (s, e) => s with { AssignmentGroup = e.ToGroup.Value })
        .On<IncidentEscalatedHierarchically>(static (s, e) => s with { Attributes = Incident.SnapshotAttributes(IsMajor(s), e.Level) })
        .On<IncidentPromotedToMajor>(static (s, _) => s with { Attributes = Incident.SnapshotAttributes(true, EscalationLevel(s)) })
        .On<IncidentDemotedFromMajor>(static (s, _) => s with { Attributes = Incident.SnapshotAttributes(false, EscalationLevel(s)) })
        // On hold awaiting a vendor, the supplier waited for is the snapshot's supplier until the hold ends.
        .HoldsFor<IncidentPutOnHold>(nameof(IncidentState.OnHold), static e => e.Supplier?.Value)
        .HoldsFor<IncidentHoldReasonChanged>(nameof(IncidentState.OnHold), static e => e.Supplier?.Value)
        .Keeps<IncidentWorkStarted>()
        .Keeps<IncidentResumed>()
        .Keeps<CallerResponseRecorded>()
        .Keeps<IncidentResolved>()
        .Keeps<IncidentReopened>()
        .Keeps<IncidentClosed>()
        .Keeps<IncidentCanceled>()
        .Keeps<IncidentAttachedToParent>()
        .Keeps<PostIncidentReviewRecorded>()
        .Keeps<IncidentLinkedToCausingChange>()
        .Keeps<IncidentLinkedToProblem>()
        .Keeps<TicketKnowledgeArticleLinked>()
        .Keeps<TicketSatisfactionRecorded>()
        .Keeps<SlaThresholdReached>()
        .Keeps<SlaRecomputed>()
        // Off hold, an incident has no hold reason (resume, resolve, cancel and reopen all clear it).
        .AfterEach(static s => s.OnHoldReason is not null && s.State != nameof(IncidentState.OnHold) ? s with { OnHoldReason = null } : s);

    private static bool IsMajor(TicketSnapshot s) =>
        s.Attributes.TryGetValue(Incident.MajorAttribute, out var major) && major == "true";

    private static int EscalationLevel(TicketSnapshot s) =>
        s.Attributes.TryGetValue(Incident.EscalationLevelAttribute, out var level) ? int.Parse(level, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;
}
