using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Lifecycles;
using NodaTime;
using Interval = NodaTime.Interval;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>
/// The typed events of changes: each command's audit entry keeps the data it always had (keys,
/// values and their order, as stored), reads as its event type, and reads as
/// <see cref="UnrecognizedEvent"/> when the stored data does not parse.
/// </summary>
public sealed class ChangeEventTests
{
    private const string Roles = "cab, change_manager, ecab, group_manager, peer";

    private static readonly ChangeId Id = new(new Guid("44444444-4444-4444-4444-444444444444"));

    [Fact]
    public void Every_command_of_a_normal_change_writes_its_stored_data_and_reads_as_its_event()
    {
        var clock = NewClock();
        var change = Change.Open(Tenant, Id, ChangeType.Normal, Requester, "Patch the mail relay", PlanText, new ServiceId("email"), [new ConfigurationItemId("ci:mail-relay-01")], clock, Implementer.Id);
        change.Submit(Requester);
        var low = change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false);
        change.RequestAuthorization(Coordinator);
        change.Reject(Approver3, "Back-out plan missing.");
        change.EditPlan(Coordinator, "A better plan.");
        change.Submit(Requester);
        change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: true);
        change.RequestAuthorization(Coordinator);
        change.Approve(Approver1);
        change.EditWindow(Coordinator, OtherWindow);
        change.Approve(Approver1);
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);
        change.StartImplementation(Implementer);
        change.CompleteImplementation(Implementer);
        change.Close(Coordinator, ChangeReviewOutcome.SuccessfulWithIssues, "Queue drained slowly.");

        var entries = change.UncommittedAuditEntries;
        Assert.Equal(ChangeRisk.Low, low.Risk);
        Assert.Equal(
            [
                $"Open type=Normal; shortDescription=Patch the mail relay; plan={PlanText}; service=email; configurationItems=[\"ci:mail-relay-01\"]; implementer=implementer.ives; rejectionPolicy=ReturnToNew",
                "Submit ",
                $"AssessRisk risk=Low; score={low.Score}; questionnaireRisk=Low; conditionRisk=Low; causesOutage=false",
                "RequestAuthorization ",
                "Reject approver=approver.three; reason=Back-out plan missing.; policy=ReturnToNew; voidedApprovals=0",
                "EditPlan plan=A better plan.; voidedApprovals=0",
                "Submit ",
                $"AssessRisk risk={change.Risk}; score={change.RiskAssessment!.Score}; questionnaireRisk=Low; conditionRisk={change.RiskAssessment.ConditionRisk}; causesOutage=true",
                "RequestAuthorization ",
                "Approve approver=approver.one; roles=" + Roles,
                "EditWindow window=2026-12-01T22:00:00Z/2026-12-01T23:00:00Z; voidedApprovals=1",
                "Approve approver=approver.one; roles=" + Roles,
                "Schedule window=2026-11-30T22:00:00Z/2026-11-30T23:00:00Z; approvals=1",
                "StartImplementation implementer=implementer.ives",
                "CompleteImplementation ",
                "Close outcome=SuccessfulWithIssues; notes=Queue drained slowly.",
            ],
            entries.Select(Stored));
        var outage = change.RiskAssessment;
        Assert.Equal(
            new DomainEvent[]
            {
                new ChangeOpened(ChangeType.Normal, "Patch the mail relay", PlanText, new ServiceId("email"), "implementer.ives", RejectionPolicy.ReturnToNew) { ConfigurationItems = [new ConfigurationItemId("ci:mail-relay-01")] },
                new ChangeSubmitted(),
                new ChangeRiskAssessed(ChangeRisk.Low, low.Score, ChangeRisk.Low, ChangeRisk.Low, false),
                new ChangeAuthorizationRequested(),
                new ChangeRejected("approver.three", "Back-out plan missing.", RejectionPolicy.ReturnToNew, 0),
                new ChangePlanEdited("A better plan.", 0),
                new ChangeSubmitted(),
                new ChangeRiskAssessed(outage.Risk, outage.Score, outage.QuestionnaireRisk, outage.ConditionRisk, true),
                new ChangeAuthorizationRequested(),
                new ChangeApproved("approver.one", Roles),
                new ChangeWindowEdited(OtherWindow, 1),
                new ChangeApproved("approver.one", Roles),
                new ChangeScheduled(Window, 1, null, null),
                new ChangeImplementationStarted("implementer.ives"),
                new ChangeImplementationCompleted(),
                new ChangeClosed(ChangeReviewOutcome.SuccessfulWithIssues, "Queue drained slowly."),
            },
            entries.Select(e => e.Event));
        TypedEventCheck.AssertTyped(entries);
    }

    [Fact]
    public void An_emergency_change_records_what_it_passed_and_its_rejection_policy()
    {
        var clock = NewClock();
        var maintenance = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.WholeDay).Build();
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Year-end freeze", Window, [])], new Dictionary<string, BusinessCalendar> { ["email"] = maintenance });
        var change = Change.Open(Tenant, Id, ChangeType.Emergency, Requester, "Patch the mail relay", PlanText, new ServiceId("email"), [], clock, rejection: RejectionPolicy.Cancel);
        change.RequestAuthorization(Coordinator);
        change.Approve(Ecab1);
        change.Approve(Ecab2);
        change.Schedule(Coordinator, Window, calendar);
        change.Cancel(Coordinator, "Superseded by CHG0050.");

        var entries = change.UncommittedAuditEntries;
        Assert.Equal(
            [
                $"Open type=Emergency; shortDescription=Patch the mail relay; plan={PlanText}; service=email; rejectionPolicy=Cancel",
                "RequestAuthorization ",
                "Approve approver=ecab.one; roles=ecab",
                "Approve approver=ecab.two; roles=ecab",
                "Schedule window=2026-11-30T22:00:00Z/2026-11-30T23:00:00Z; approvals=2; passedBlackouts=Year-end freeze; outsideMaintenance=email",
                "Cancel reason=Superseded by CHG0050.",
            ],
            entries.Select(Stored));
        Assert.Equal(new ChangeOpened(ChangeType.Emergency, "Patch the mail relay", PlanText, new ServiceId("email"), null, RejectionPolicy.Cancel), entries[0].Event);
        Assert.Equal(new ChangeScheduled(Window, 2, "Year-end freeze", "email"), entries[4].Event);
        Assert.Equal(new ChangeCanceled("Superseded by CHG0050."), entries[5].Event);
        TypedEventCheck.AssertTyped(entries);
    }

    [Fact]
    public void A_rejection_that_cancels_records_its_policy_and_the_voided_approvals()
    {
        var change = Change.Open(Tenant, Id, ChangeType.Emergency, Requester, "Patch the mail relay", PlanText, new ServiceId("email"), [], NewClock(), rejection: RejectionPolicy.Cancel);
        change.RequestAuthorization(Coordinator);
        change.Approve(Ecab1);
        change.Reject(Ecab2, "Too risky before the freeze.");

        Assert.Equal("Reject approver=ecab.two; reason=Too risky before the freeze.; policy=Cancel; voidedApprovals=1", Stored(change.UncommittedAuditEntries[^1]));
        Assert.Equal(new ChangeRejected("ecab.two", "Too risky before the freeze.", RejectionPolicy.Cancel, 1), change.UncommittedAuditEntries[^1].Event);
        Assert.Equal(ChangeState.Canceled, change.State);
    }

    [Property(MaxTest = 500)]
    public Property A_window_reads_back_exactly_as_written()
    {
        var instants = Gen.Choose(-20000, 20000).SelectMany(days => Gen.Choose(0, 86399).SelectMany(seconds => Gen.Elements(0L, 1L, 500_000_000L, 123_456_789L, 999_999_999L).Select(nanos =>
            Instant.FromUtc(2026, 1, 1, 0, 0).Plus(Duration.FromDays(days) + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanos)))));
        var windows = instants.SelectMany(start => Gen.Elements(0L, 1L, 60_000_000_000L, 86_400_000_000_000L * 400).Select(length => new Interval(start, start.Plus(Duration.FromNanoseconds(length)))));
        return Prop.ForAll(windows.ToArbitrary(), window =>
        {
            var written = new ChangeWindowEdited(window, 0).ToAuditData();
            return ChangeWindowEdited.Read(written) == new ChangeWindowEdited(window, 0) && ChangeWindowText.Read(window.ToString()) == window;
        });
    }

    [Theory]
    [InlineData("Schedule", "window=2026-11-30T22:00:00Z;approvals=1")]
    [InlineData("Schedule", "window=2026-11-30T23:00:00Z/2026-11-30T22:00:00Z;approvals=1")]
    [InlineData("Schedule", "window=2026-11-30T22:00:00.000Z/2026-11-30T23:00:00Z;approvals=1")]
    [InlineData("Schedule", "window=StartOfTime/2026-11-30T23:00:00Z;approvals=1")]
    [InlineData("Schedule", "window=2026-11-30T22:00:00Z/2026-11-30T23:00:00Z;approvals=one")]
    [InlineData("EditWindow", "window=2026-11-30T22:00:00Z/2026-11-30T23:00:00Z")]
    [InlineData("AssessRisk", "risk=Low;score=0;questionnaireRisk=Low;conditionRisk=Low;causesOutage=yes")]
    [InlineData("AssessRisk", "risk=Severe;score=0;questionnaireRisk=Low;conditionRisk=Low;causesOutage=false")]
    [InlineData("Open", "type=Normal;shortDescription=s;plan=p;services=email;configurationItems=;rejectionPolicy=Later")]
    [InlineData("Close", "notes=n")]
    [InlineData("Reject", "approver=a;reason=r;policy=Cancel")]
    [InlineData("Rollback", "reason=r")]
    public void Data_that_does_not_parse_reads_as_an_unrecognized_event_kept_as_stored(string command, string data)
    {
        var stored = Data(data);
        var entry = new AuditEntry(Tenant, Change.RecordType, Id.ToString(), 2, Monday0900, Coordinator, command, "New", "New", stored);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);

        Assert.Equal(Change.RecordType, read.RecordType);
        Assert.Equal(command, read.CommandName);
        Assert.Same(stored, read.Data);
    }

    private static string Stored(AuditEntry entry) =>
        entry.Command + " " + string.Join("; ", entry.Data.Select(p => p.Key + "=" + p.Value));

    private static Dictionary<string, string> Data(string text) =>
        text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
