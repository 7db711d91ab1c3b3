using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Approvals;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Governance;

/// <summary>The documented behaviour of each control kind, the report's shape, its warnings and its argument checks.</summary>
public sealed class ControlEvaluatorTests
{
    private static readonly Interval December = ControlWorkedExample.December;
    private static readonly Actor Sam = new("sam", "itil");
    private static readonly Actor Mia = new("mia", "change_manager");

    private static ControlReport WorkedExample() => ControlEvaluator.Evaluate(
        ControlWorkedExample.Entries(),
        GovernanceHistory.Tenant,
        December,
        ControlDefinition.ListFromJson(ControlWorkedExample.ControlsJson),
        new ControlEvaluationOptions
        {
            Calendar = ControlWorkedExample.Calendar,
            TicketNumbers = (_, id) => ControlWorkedExample.Numbers.GetValueOrDefault(id),
        });

    private static string Row(ControlResult r) =>
        $"{r.Control.Id} [{string.Join(" ", r.Population.Select(p => p.TicketNumber))}] [{string.Join(" | ", r.Deviations.Select(d => $"{d.TicketNumber} {d.At}: {d.Description}"))}]";

    [Fact]
    public void WorkedExample_ReportsEachControlsPopulationAndExceptions_AsTheDocsShow()
    {
        var report = WorkedExample();

        Assert.False(report.AllHeld);
        Assert.Empty(report.Warnings);
        Assert.Equal(
            [
                "CHG-01 [CHG0000101 CHG0000102 CHG0000104] [CHG0000102 2026-12-10T10:00:00Z: Implementation started without the authorisation of CAB (3 of cab) (risk High): it had approvals from ann, ben.]",
                "CHG-02 [CHG0000103] [CHG0000103 2026-12-30T00:00:00Z: The emergency change implemented at 2026-12-21T12:00:00Z had no review within the 5 business day(s) allowed (due before 2026-12-30T00:00:00Z).]",
                "CHG-03 [CHG0000101 CHG0000102 CHG0000103 CHG0000104] [CHG0000104 2026-12-22T14:00:00Z: The normal change was being implemented at 2026-12-22T14:00:00Z, inside the blackout 'Year-end freeze' (2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z).]",
                "SOD-01 [CHG0000101 CHG0000102 CHG0000103 CHG0000104 REQ0000301] [CHG0000103 2026-12-21T09:00:00Z: sam approved the change they requested.]",
                "INC-01 [INC0000201 INC0000202] [INC0000202 2026-12-26T00:00:00Z: The major incident resolved at 2026-12-15T10:00:00Z had its post-incident review at 2026-12-28T10:00:00Z, after the 10 calendar day(s) allowed (due before 2026-12-26T00:00:00Z).]",
            ],
            report.Results.Select(Row));
    }

    [Fact]
    public void NormalChangeAuthorized_CountsOnlyApprovalsSinceTheLastEdit()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        h.Change("c", at, Sam, GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New")
            .Change("c", at, Sam, GovernanceHistory.Risk(ChangeRisk.Moderate), "Assess")
            .Change("c", at + Duration.FromHours(1), Mia, GovernanceHistory.Approved(Mia), "Authorize")
            .Change("c", at + Duration.FromHours(2), Sam, new ChangePlanEdited("new plan", 1), "Authorize")
            .Change("c", at + Duration.FromHours(3), Sam, new ChangeImplementationStarted("sam"), "Implement");

        var result = Evaluate(h, ControlDefinition.NormalChangeAuthorized("AUTH")).Results[0];

        Assert.Contains("it had no approval", Assert.Single(result.Deviations).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalChangeAuthorized_UsesTheEnginesAuthorityPolicy()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        var cab = new Actor("ann", "cab");
        h.Change("c", at, Sam, GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New")
            .Change("c", at, Sam, GovernanceHistory.Risk(ChangeRisk.High), "Assess")
            .Change("c", at + Duration.FromHours(1), cab, GovernanceHistory.Approved(cab), "Authorize")
            .Change("c", at + Duration.FromHours(3), Sam, new ChangeImplementationStarted("sam"), "Implement");
        var control = ControlDefinition.NormalChangeAuthorized("AUTH");

        Assert.False(Evaluate(h, control).AllHeld);
        Assert.True(Evaluate(h, control, new ControlEvaluationOptions { ChangeAuthority = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 1) }).AllHeld);
    }

    [Fact]
    public void NormalChangeAuthorized_ChecksAMultiLevelAuthorityLevelByLevel_CountingADelegateForTheDelegator()
    {
        var peerThenCab = new ChangeAuthority("Peer then CAB", new ApprovalChain("peer-then-cab", [
            new ApprovalLevel("peer", ApprovalRule.Any, [Approver.Role("peer")]),
            new ApprovalLevel("cab", ApprovalRule.Any, [Approver.Role("cab")]),
        ]));
        var d = ChangeAuthorityPolicy.Default;
        var options = new ControlEvaluationOptions { ChangeAuthority = new ChangeAuthorityPolicy(d.Standard, d.Low, peerThenCab, d.High, d.Emergency) };
        var peer = new Actor("pete", "peer");
        var cab = new Actor("ann", "cab");
        var deputy = new Actor("dan", "engineer");
        var at = December.Start + Duration.FromDays(1);
        ControlResult Run(params (Actor Who, DomainEvent Event)[] approvals)
        {
            var h = new GovernanceHistory();
            h.Change("c", at, Sam, GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New")
                .Change("c", at, Sam, GovernanceHistory.Risk(ChangeRisk.Moderate), "Assess");
            var t = at;
            foreach (var (who, @event) in approvals)
            {
                h.Change("c", t += Duration.FromMinutes(10), who, @event, "Authorize");
            }

            h.Change("c", at + Duration.FromHours(3), Sam, new ChangeImplementationStarted("sam"), "Implement");
            return Evaluate(h, ControlDefinition.NormalChangeAuthorized("AUTH"), options).Results[0];
        }

        ChangeApproved At(Actor who, string level, string? onBehalfOf = null) =>
            GovernanceHistory.Approved(who) with { Level = level, OnBehalfOf = onBehalfOf };

        Assert.Empty(Run((peer, At(peer, "peer")), (cab, At(cab, "cab"))).Deviations);
        Assert.Single(Run((peer, At(peer, "peer"))).Deviations);

        // The CAB member delegated: the deputy's approval counts with the CAB role it stood in for.
        Assert.Empty(Run((peer, At(peer, "peer")), (cab, new ChangeApprovalDelegated("dan", "cab", null)), (deputy, At(deputy, "cab", onBehalfOf: "ann"))).Deviations);
        Assert.Single(Run((peer, At(peer, "peer")), (deputy, At(deputy, "cab"))).Deviations);
    }

    [Fact]
    public void ReviewDeadline_CountsWorkingDays_SoAWeekendGivesMoreTime()
    {
        // Completed on Friday 11 December: one calendar day allows Saturday, one business day allows Monday.
        var h = new GovernanceHistory();
        var friday = Instant.FromUtc(2026, 12, 11, 16, 0);
        h.Change("c", friday, Sam, GovernanceHistory.Opened(ChangeType.Emergency, "Web"), "New")
            .Change("c", friday, Sam, new ChangeImplementationStarted("sam"), "Implement")
            .Change("c", friday, Sam, new ChangeImplementationCompleted(), "Review")
            .Change("c", Instant.FromUtc(2026, 12, 14, 9, 0), Mia, new ChangeClosed(ChangeReviewOutcome.Successful, null), "Closed");
        var options = new ControlEvaluationOptions { Calendar = ControlWorkedExample.Calendar };

        var calendarDays = Evaluate(h, ControlDefinition.EmergencyChangeReviewed("R", 1, DayCount.Calendar), options).Results[0];
        var businessDays = Evaluate(h, ControlDefinition.EmergencyChangeReviewed("R", 1, DayCount.Business), options).Results[0];

        Assert.Equal(Instant.FromUtc(2026, 12, 13, 0, 0), Assert.Single(calendarDays.Deviations).At);
        Assert.Single(businessDays.Population);
        Assert.True(businessDays.Held);
    }

    [Fact]
    public void ReviewControl_CountsARecordInThePeriodItsDeadlineFallsIn()
    {
        // Resolved on 30 November with 2 days allowed: due before 3 December, so it belongs to December's report.
        var h = new GovernanceHistory();
        var resolved = Instant.FromUtc(2026, 11, 30, 12, 0);
        h.Incident("i", resolved - Duration.FromHours(2), Sam, GovernanceHistory.IncidentOpened(), "New")
            .Incident("i", resolved - Duration.FromHours(1), Mia, new IncidentPromotedToMajor("outage"), "New")
            .Incident("i", resolved, Sam, new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "fixed"), "Resolved");
        var control = ControlDefinition.MajorIncidentReviewed("PIR", 2, DayCount.Calendar);

        var november = ControlEvaluator.Evaluate(h.Entries, GovernanceHistory.Tenant, new Interval(Instant.FromUtc(2026, 11, 1, 0, 0), December.Start), [control]);
        var december = Evaluate(h, control).Results[0];

        Assert.Empty(november.Results[0].Population);
        Assert.Equal(Instant.FromUtc(2026, 12, 3, 0, 0), Assert.Single(december.Deviations).At);
    }

    [Fact]
    public void MajorIncidentReviewed_AcceptsAReviewBeforeTheResolution_AndIgnoresADemotedIncident()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        h.Incident("early", at, Sam, GovernanceHistory.IncidentOpened(), "New")
            .Incident("early", at, Mia, new IncidentPromotedToMajor("outage"), "New")
            .Incident("early", at + Duration.FromHours(1), Mia, new PostIncidentReviewRecorded("done"), "New")
            .Incident("early", at + Duration.FromHours(2), Sam, new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "fixed"), "Resolved");
        h.Incident("demoted", at, Sam, GovernanceHistory.IncidentOpened(), "New")
            .Incident("demoted", at, Mia, new IncidentPromotedToMajor("outage"), "New")
            .Incident("demoted", at + Duration.FromHours(1), Mia, new IncidentDemotedFromMajor("contained"), "New")
            .Incident("demoted", at + Duration.FromHours(2), Sam, new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "fixed"), "Resolved");

        var result = Evaluate(h, ControlDefinition.MajorIncidentReviewed("PIR", 3, DayCount.Calendar)).Results[0];

        Assert.Equal("early", Assert.Single(result.Population).RecordId);
        Assert.True(result.Held);
    }

    [Fact]
    public void NoSelfApproval_ChecksOnlyTheRecordTypesGiven()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        h.Request("r", at, Sam, GovernanceHistory.Submitted(), "Submitted")
            .Request("r", at + Duration.FromHours(1), Sam, new ServiceRequestApproved("fine"), "Fulfilling");

        var both = Evaluate(h, ControlDefinition.NoSelfApproval("SOD")).Results[0];
        var changesOnly = Evaluate(h, ControlDefinition.NoSelfApproval("SOD", [Change.RecordType])).Results[0];

        Assert.Equal("sam approved the service request they requested.", Assert.Single(both.Deviations).Description);
        Assert.Empty(changesOnly.Population);
    }

    [Fact]
    public void NoSelfApproval_CountsAnApprovalThatLeavesTheRequestsChainWaiting()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        h.Request("r", at, Sam, GovernanceHistory.Submitted(), "Submitted")
            .Request("r", at + Duration.FromHours(1), Sam, new ServiceRequestApprovalRecorded("manager", true, null, null), "AwaitingApproval");

        var result = Evaluate(h, ControlDefinition.NoSelfApproval("SOD")).Results[0];

        Assert.Equal("sam approved the service request they requested.", Assert.Single(result.Deviations).Description);
    }

    [Fact]
    public void NoChangeInBlackout_CatchesAnImplementationThatRunsIntoTheBlackout_OnlyOnServicesItCovers()
    {
        var freeze = new BlackoutWindow("freeze", new Interval(Instant.FromUtc(2026, 12, 20, 0, 0), Instant.FromUtc(2026, 12, 27, 0, 0)), ["Payments"]);
        var h = new GovernanceHistory();
        var before = Instant.FromUtc(2026, 12, 19, 22, 0);
        foreach (var (id, service) in new[] { ("pay", "Payments"), ("web", "Web") })
        {
            h.Change(id, before, Sam, GovernanceHistory.Opened(ChangeType.Standard, service), "New")
                .Change(id, before, Sam, new ChangeImplementationStarted("sam"), "Implement")
                .Change(id, before + Duration.FromHours(4), Sam, new ChangeImplementationCompleted(), "Review");
        }

        var result = Evaluate(h, ControlDefinition.NoChangeInBlackout("FREEZE", [freeze])).Results[0];

        Assert.Equal(["pay", "web"], result.Population.Select(p => p.RecordId));
        var deviation = Assert.Single(result.Deviations);
        Assert.Equal(("pay", freeze.Window.Start), (deviation.RecordId, deviation.At));
    }

    [Fact]
    public void Warnings_NameOrphansAndUnreadableEntries()
    {
        var h = new GovernanceHistory();
        var at = December.Start + Duration.FromDays(1);
        h.Change("orphan", at, Sam, new ChangeImplementationStarted("sam"), "Implement");
        var entries = h.Entries.Append(new AuditEntry(GovernanceHistory.Tenant, Change.RecordType, "new", 1, at, Sam, "Teleport", "New", "New", new Dictionary<string, string>()));

        var report = ControlEvaluator.Evaluate(entries, GovernanceHistory.Tenant, December, [ControlDefinition.NormalChangeAuthorized("AUTH")]);

        Assert.Equal([("ITSM-GOV-DATA-001", 1L, "Change orphan"), ("ITSM-GOV-DATA-002", 1L, "Change new")], report.Warnings.Select(w => (w.Code, w.Count, w.Example)));
    }

    [Fact]
    public void Evaluate_RefusesBadArguments_NamingTheParameter()
    {
        var control = ControlDefinition.NormalChangeAuthorized("A");
        var review = ControlDefinition.MajorIncidentReviewed("B", 1, DayCount.Business);
        var h = new GovernanceHistory();
        h.Change("c", December.End - Duration.FromDays(1), Sam, GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New")
            .Change("c", December.End - Duration.FromDays(2), Sam, new ChangeImplementationStarted("sam"), "Implement");

        Assert.Equal("entries", Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate(null!, GovernanceHistory.Tenant, December, [control])).ParamName);
        Assert.Equal("tenant", Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate([], default, December, [control])).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate([], GovernanceHistory.Tenant, new Interval(null, December.End), [control])).ParamName);
        Assert.Equal("controls", Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate([], GovernanceHistory.Tenant, December, [control, control])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate([], GovernanceHistory.Tenant, December, [review])).ParamName);
        var disorder = Assert.Throws<ArgumentException>(() => ControlEvaluator.Evaluate(h.Entries, GovernanceHistory.Tenant, December, [control]));
        Assert.Equal("entries", disorder.ParamName);
        Assert.StartsWith("The audit entries of Change c are not in time order: version 2", disorder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyLog_HoldsEveryControl_WithEmptyPopulations()
    {
        var report = ControlEvaluator.Evaluate([], GovernanceHistory.Tenant, December, ControlDefinition.ListFromJson(ControlWorkedExample.ControlsJson), new ControlEvaluationOptions { Calendar = ControlWorkedExample.Calendar });

        Assert.True(report.AllHeld);
        Assert.All(report.Results, r => Assert.Empty(r.Population));
    }

    private static ControlReport Evaluate(GovernanceHistory h, ControlDefinition control, ControlEvaluationOptions? options = null) =>
        ControlEvaluator.Evaluate(h.Entries, GovernanceHistory.Tenant, December, [control], options);
}
