using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Governance;

/// <summary>The worked example of docs/governance.md: December 2026, five controls, four changes, two major incidents and a request.</summary>
internal static class ControlWorkedExample
{
    public static readonly Interval December = new(Instant.FromUtc(2026, 12, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0));

    public static readonly BusinessCalendar Calendar = BusinessCalendar.CreateBuilder(DateTimeZone.Utc)
        .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
        .AddHoliday(new LocalDate(2026, 12, 25))
        .Build();

    public const string ControlsJson = """
        {
          "controls": [
            { "id": "CHG-01", "name": "Normal changes authorised before implementation", "kind": "normalChangeAuthorized" },
            { "id": "CHG-02", "name": "Emergency changes reviewed within 5 business days", "kind": "emergencyChangeReviewed", "days": 5, "dayCount": "business" },
            { "id": "CHG-03", "name": "No change in a freeze unless emergency", "kind": "noChangeInBlackout",
              "blackouts": [ { "name": "Year-end freeze", "start": "2026-12-20T00:00:00Z", "end": "2027-01-04T00:00:00Z", "services": ["Payments"] } ] },
            { "id": "SOD-01", "name": "No self-approval", "kind": "noSelfApproval" },
            { "id": "INC-01", "name": "Major incidents reviewed within 10 days", "kind": "majorIncidentReviewed", "days": 10, "dayCount": "calendar" }
          ]
        }
        """;

    public static readonly Dictionary<string, string> Numbers = new()
    {
        ["c1"] = "CHG0000101", ["c2"] = "CHG0000102", ["c3"] = "CHG0000103", ["c4"] = "CHG0000104",
        ["i1"] = "INC0000201", ["i2"] = "INC0000202", ["r1"] = "REQ0000301",
    };

    public static List<AuditEntry> Entries()
    {
        var sam = new Actor("sam", "ecab");
        var mia = new Actor("mia", "change_manager");
        var erin = new Actor("erin", "itil");
        var h = new GovernanceHistory();
        static Instant Dec(int day, int hour = 10) => Instant.FromUtc(2026, 12, day, hour, 0);

        // c1: moderate risk, authorised by the change manager, implemented: passes.
        h.Change("c1", Dec(1), sam, GovernanceHistory.Opened(ChangeType.Normal, "Email"), "New")
            .Change("c1", Dec(1, 11), sam, GovernanceHistory.Risk(ChangeRisk.Moderate), "Assess")
            .Change("c1", Dec(2), mia, GovernanceHistory.Approved(mia), "Authorize")
            .Change("c1", Dec(3), erin, new ChangeImplementationStarted("erin"), "Implement")
            .Change("c1", Dec(3, 12), erin, new ChangeImplementationCompleted(), "Review")
            .Change("c1", Dec(4), mia, new ChangeClosed(ChangeReviewOutcome.Successful, null), "Closed");

        // c2: high risk needs three CAB members; it had two when implementation started.
        h.Change("c2", Dec(7), erin, GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New")
            .Change("c2", Dec(7, 11), erin, GovernanceHistory.Risk(ChangeRisk.High), "Assess")
            .Change("c2", Dec(8), new Actor("ann", "cab"), GovernanceHistory.Approved(new Actor("ann", "cab")), "Authorize")
            .Change("c2", Dec(8, 11), new Actor("ben", "cab"), GovernanceHistory.Approved(new Actor("ben", "cab")), "Authorize")
            .Change("c2", Dec(10), new Actor("dev", "itil"), new ChangeImplementationStarted("dev"), "Implement");

        // c3: an emergency change on Payments in the freeze (allowed), approved by its own requester, never reviewed.
        h.Change("c3", Dec(21, 8), sam, GovernanceHistory.Opened(ChangeType.Emergency, "Payments"), "New")
            .Change("c3", Dec(21, 9), sam, GovernanceHistory.Approved(sam), "Authorize")
            .Change("c3", Dec(21, 9), new Actor("tom", "ecab"), GovernanceHistory.Approved(new Actor("tom", "ecab")), "Authorize")
            .Change("c3", Dec(21, 10), erin, new ChangeImplementationStarted("erin"), "Implement")
            .Change("c3", Dec(21, 12), erin, new ChangeImplementationCompleted(), "Review");

        // c4: a low-risk normal change on Payments, properly authorised, implemented inside the freeze.
        h.Change("c4", Dec(18), erin, GovernanceHistory.Opened(ChangeType.Normal, "Payments"), "New")
            .Change("c4", Dec(18, 11), erin, GovernanceHistory.Risk(ChangeRisk.Low), "Assess")
            .Change("c4", Dec(18, 12), new Actor("pat", "peer"), GovernanceHistory.Approved(new Actor("pat", "peer")), "Authorize")
            .Change("c4", Dec(22, 14), erin, new ChangeImplementationStarted("erin"), "Implement")
            .Change("c4", Dec(22, 15), erin, new ChangeImplementationCompleted(), "Review")
            .Change("c4", Dec(23), mia, new ChangeClosed(ChangeReviewOutcome.Successful, null), "Closed");

        // i1 reviewed in time; i2 reviewed late.
        h.Incident("i1", Dec(5, 8), erin, GovernanceHistory.IncidentOpened(), "New")
            .Incident("i1", Dec(5, 9), mia, new IncidentPromotedToMajor("payments down"), "New")
            .Incident("i1", Dec(6), erin, new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "restarted"), "Resolved")
            .Incident("i1", Dec(12), mia, new PostIncidentReviewRecorded("capacity alert added"), "Resolved")
            .Incident("i1", Dec(13), mia, new IncidentClosed(), "Closed");
        h.Incident("i2", Dec(14, 8), erin, GovernanceHistory.IncidentOpened(), "New")
            .Incident("i2", Dec(14, 9), mia, new IncidentPromotedToMajor("e-mail down"), "New")
            .Incident("i2", Dec(15), erin, new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "failover"), "Resolved")
            .Incident("i2", Dec(28), mia, new PostIncidentReviewRecorded("runbook updated"), "Resolved");

        // r1 approved by someone other than its submitter.
        h.Request("r1", Dec(9), erin, GovernanceHistory.Submitted(), "Submitted")
            .Request("r1", Dec(9, 12), mia, new ServiceRequestApproved(null), "Fulfilling");
        return h.Entries;
    }
}
