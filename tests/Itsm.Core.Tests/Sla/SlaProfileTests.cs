using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The compatibility profiles (<see cref="SlaProfile"/>), scenario by scenario, each derived from the
/// anchor's published rule (the page is cited on each test), beside what the library's own profile does.
/// The calendar is the UK office, Monday to Friday 09:00-17:00; resolution targets P1 4 h, P2 8 h, P3 16 h,
/// P4 40 h, none for P5.
/// </summary>
public sealed class SlaProfileTests
{
    private const string ServiceNowProcessing = "https://www.servicenow.com/docs/r/it-service-management/service-level-management/c_SLAProcessing.html";
    private const string ServiceNowConditions = "https://www.servicenow.com/docs/r/it-service-management/service-level-management/c_SLAConditions.html";
    private const string ServiceNowRetroactive = "https://www.servicenow.com/docs/r/it-service-management/service-level-management/t_UseSLARetroactiveStartAndPause.html";
    private const string ServiceNowTaskSla = "https://www.servicenow.com/docs/r/it-service-management/service-level-management/r_TaskSLATable.html";
    private const string JsmPausedKb = "https://confluence.atlassian.com/jirakb/understanding-why-an-sla-is-paused-in-a-jira-service-management-ticket-1271267987.html";
    private const string JsmCycles = "https://docs.atlassian.com/jira-servicedesk/10.3.2/com/atlassian/servicedesk/api/sla/info/SlaInformationCompletedCycle.html";

    private static readonly TicketSnapshot NewP2 = Ticket("New", P2);

    private static IReadOnlyList<TrackedClock> Track(SlaTarget target, params TicketChange[] history) =>
        new SlaTracker([AgreementOf(target)]).Track(history);

    private static SlaTarget Target(SlaProfile profile, SlaConditions? conditions = null) => ResolutionTarget(conditions: conditions) with { Profile = profile };

    // Evaluation order within one update.

    [Theory]
    [InlineData(SlaProfile.Itsm, SlaStage.Cancelled)]
    [InlineData(SlaProfile.ServiceNow, SlaStage.Achieved)]
    [InlineData(SlaProfile.JiraServiceManagement, SlaStage.Achieved)]
    public void AnOlaResolvedInTheUpdateThatReassignsIt_IsCompletedOutsideTheLibraryProfile(SlaProfile profile, SlaStage stage)
    {
        // ServiceNowProcessing, pass 2: "If the Stop condition is true, the SLA changes to Completed" comes first.
        var network = SlaCondition.FieldIn("assignmentGroup", ["Network"]);
        var ola = Target(profile, IncidentConditions with { Start = SlaCondition.All(IncidentConditions.Start, network), Cancel = SlaCondition.Not(network) });

        var clock = Assert.Single(Track(ola, Ticket("InProgress", P2, group: "Network").At(Mon(9)), Ticket("Resolved", P2, group: "ServiceDesk").At(Mon(11))));

        Assert.Equal(stage, clock.Evaluate(Mon(12)).Stage);
    }

    [Theory]
    [InlineData(SlaProfile.Itsm, true)]
    [InlineData(SlaProfile.ServiceNow, false)]
    [InlineData(SlaProfile.JiraServiceManagement, false)]
    public void AResetOnTheResolvingUpdate_LeavesNoClockRunningOutsideTheLibraryProfile(SlaProfile profile, bool running)
    {
        // ServiceNowProcessing: stop before "both the Reset and Start conditions are true".
        var target = Target(profile, IncidentConditions with { Reset = SlaCondition.FieldIn("attributes.reassigned", ["true"]) });

        var clocks = Track(target, NewP2.At(Mon(9)), Ticket("Resolved", P2).WithAttribute("reassigned", "true").At(Mon(11)));

        Assert.Equal(running, clocks[^1].Timeline.IsActive);
    }

    // Retroactive start and pause.

    [Fact]
    public void ARetroactiveStart_CountsFromTheOpeningWhenTheDefinitionAttachesLater()
    {
        // ServiceNowRetroactive: "an incident is raised with priority 3 ... changes to 1 after 3 hours ...
        // retroactive start ... count from when the incident was created". P5 has no target here.
        var history = new[] { Ticket("New", P5).At(Mon(9)), Ticket("InProgress", P1).At(Mon(11)) };
        var atChange = Assert.Single(Track(Target(SlaProfile.ServiceNow), history));
        var retroactive = Assert.Single(Track(Target(SlaProfile.ServiceNow) with { RetroactiveStart = SlaRetroactiveStart.Opened }, history));

        Assert.Equal(Mon(15), atChange.Evaluate(Mon(11)).BreachInstant);
        Assert.Equal(Mon(9), retroactive.Timeline[0].At);
        Assert.Equal(Mon(13), retroactive.Evaluate(Mon(11)).BreachInstant);
    }

    [Fact]
    public void ARetroactiveStart_ReadsTheOpenedAndCreatedInstantsOfTheFirstSnapshot()
    {
        // ServiceNowRetroactive: "select Opened ... or Created"; an imported ticket opened before its first snapshot.
        var first = Ticket("New", P5) with { OpenedAt = Mon(9), CreatedAt = Mon(10) };
        var history = new[] { first.At(Mon(10, 30)), (Ticket("InProgress", P1) with { OpenedAt = Mon(7) }).At(Mon(11)) };

        Assert.Equal(Mon(9), Assert.Single(Track(Target(SlaProfile.ServiceNow) with { RetroactiveStart = SlaRetroactiveStart.Opened }, history)).Timeline[0].At);
        Assert.Equal(Mon(10), Assert.Single(Track(Target(SlaProfile.ServiceNow) with { RetroactiveStart = SlaRetroactiveStart.Created }, history)).Timeline[0].At);
    }

    [Fact]
    public void ARetroactivePause_KeepsThePausesThePauseConditionSawBeforeTheClockAttached()
    {
        // ServiceNowRetroactive: "the new task SLA record includes any pause time accumulated between the
        // retroactive start time and now, which increases the breach time accordingly".
        var history = new[]
        {
            Ticket("New", P5).At(Mon(9)),
            Ticket("OnHold", P5).At(Mon(10)),
            Ticket("InProgress", P5).At(Mon(11)),
            Ticket("InProgress", P1).At(Mon(12)),
        };
        var target = Target(SlaProfile.ServiceNow) with { RetroactiveStart = SlaRetroactiveStart.Opened };

        var withoutPauses = Assert.Single(Track(target, history));
        var withPauses = Assert.Single(Track(target with { RetroactivePauses = true }, history));

        Assert.Equal(Mon(13), withoutPauses.Evaluate(Mon(12)).BreachInstant);
        Assert.Equal(Mon(14), withPauses.Evaluate(Mon(12)).BreachInstant);
        Assert.Equal(Hours(1), withPauses.Evaluate(Mon(12)).PausedDuration);
    }

    // When to cancel.

    [Theory]
    [InlineData(SlaProfile.Itsm, SlaStage.Paused)]
    [InlineData(SlaProfile.ServiceNow, SlaStage.Cancelled)]
    [InlineData(SlaProfile.JiraServiceManagement, SlaStage.Paused)]
    public void APauseConditionOutsideTheStartCondition_CancelsUnderServiceNow(SlaProfile profile, SlaStage stage)
    {
        // ServiceNowConditions: "Start condition is State is one of New, Active and the Pause condition is
        // State is On Hold ... the start condition will no longer match and the task SLA will be canceled".
        var target = Target(profile, IncidentConditions with { Start = SlaCondition.StateIn("New", "InProgress") });

        var clock = Assert.Single(Track(target, NewP2.At(Mon(9)), Ticket("OnHold", P2).At(Mon(10))));

        Assert.Equal(stage, clock.Evaluate(Mon(11)).Stage);
    }

    [Fact]
    public void WhenToCancel_CanBeSetOnAnyProfile()
    {
        // ServiceNowConditions: "Cancel conditions are met: the start condition has to be met only once".
        var target = Target(SlaProfile.ServiceNow, IncidentConditions with { Start = SlaCondition.StateIn("New", "InProgress") }) with { CancelWhen = SlaCancelRule.CancelConditionMet };

        var clock = Assert.Single(Track(target, NewP2.At(Mon(9)), Ticket("OnHold", P2).At(Mon(10))));

        Assert.Equal(SlaStage.Paused, clock.Evaluate(Mon(11)).Stage);
        Assert.Equal(SlaStage.Cancelled, Assert.Single(Track(target with { CancelWhen = SlaCancelRule.StartConditionNotMet, Profile = SlaProfile.Itsm }, NewP2.At(Mon(9)), Ticket("OnHold", P2).At(Mon(10)))).Evaluate(Mon(11)).Stage);
    }

    [Theory]
    [InlineData(SlaProfile.Itsm)]
    [InlineData(SlaProfile.ServiceNow)]
    [InlineData(SlaProfile.JiraServiceManagement)]
    public void WhenToCancelNever_OnlyTheStopEndsTheClock_InEveryProfile(SlaProfile profile)
    {
        // ServiceNowConditions, "When to cancel": "Never": the task SLA is not cancelled, neither when the start
        // condition stops matching (on hold outside New and In progress) nor when the cancel condition matches.
        var target = Target(profile, IncidentConditions with { Start = SlaCondition.StateIn("New", "InProgress") }) with { CancelWhen = SlaCancelRule.Never };
        var history = new[] { NewP2.At(Mon(9)), Ticket("OnHold", P2).At(Mon(10)), Ticket("Canceled", P2).At(Mon(11)), Ticket("InProgress", P2).At(Mon(12)), Ticket("Resolved", P2).At(Mon(14)) };

        var clock = Assert.Single(Track(target, history));

        // Paused 10-11 (on hold), running again once the pause condition stops holding, stopped at 14:00.
        Assert.Equal(SlaStage.InProgress, clock.Evaluate(Mon(11, 30)).Stage);
        var status = clock.Evaluate(Mon(16));
        Assert.Equal((SlaStage.Achieved, Hours(4), (Instant?)Mon(14), Hours(1)), (status.Stage, status.BusinessElapsed, status.EndedAt, status.PausedDuration));
        Assert.Equal(profile == SlaProfile.Itsm ? SlaDisplayStage.Achieved : SlaDisplayStage.Completed, status.DisplayStage);

        // Each profile's own rule cancels the same clock: ServiceNow's start rule at the hold, the others' cancel condition at 11:00.
        var byDefault = Track(target with { CancelWhen = null }, history)[0].Evaluate(Mon(16));
        Assert.Equal((SlaStage.Cancelled, (Instant?)(profile == SlaProfile.ServiceNow ? Mon(10) : Mon(11))), (byDefault.Stage, byDefault.EndedAt));
    }

    // When to resume.

    [Theory]
    [InlineData(SlaProfile.Itsm, false, 3)]
    [InlineData(SlaProfile.Itsm, true, 2)]
    [InlineData(SlaProfile.ServiceNow, false, 3)]
    [InlineData(SlaProfile.ServiceNow, true, 2)]
    [InlineData(SlaProfile.JiraServiceManagement, false, 3)]
    [InlineData(SlaProfile.JiraServiceManagement, true, 2)]
    public void AClockResumes_WhenThePauseStopsHolding_OrOnlyWhenTheResumeConditionHolds(SlaProfile profile, bool resumeCondition, int elapsedHours)
    {
        // ServiceNowConditions, "When to resume": "Pause conditions are not met" (the default) or "Resume
        // conditions are met". JSM has no resume condition: a paused SLA runs again once its "Pause on"
        // condition no longer holds (JsmPausedKb), which is the default here too.
        var conditions = IncidentConditions with { Resume = resumeCondition ? SlaCondition.StateIn("InProgress") : null };
        var history = new[] { NewP2.At(Mon(9)), Ticket("OnHold", P2).At(Mon(10)), NewP2.At(Mon(11)), Ticket("InProgress", P2).At(Mon(12)) };

        var clock = Assert.Single(Track(Target(profile, conditions), history));

        // Back to New at 11:00 ends the pause condition; only InProgress (12:00) meets the resume condition.
        Assert.Equal(resumeCondition ? SlaDisplayStage.Paused : SlaDisplayStage.InProgress, clock.Evaluate(Mon(11, 30)).DisplayStage);
        Assert.Equal(Hours(elapsedHours), clock.Evaluate(Mon(13)).BusinessElapsed);
        Assert.Equal(SlaDisplayStage.InProgress, clock.Evaluate(Mon(13)).DisplayStage);
    }

    // Reset.

    [Theory]
    [InlineData(SlaProfile.ServiceNow)]
    [InlineData(SlaProfile.JiraServiceManagement)]
    public void AReset_CompletesTheClockAndAttachesANewOneWithItsOwnId(SlaProfile profile)
    {
        // ServiceNowProcessing: "If both the Reset and Start conditions are true, the SLA changes to
        // Completed and a new task SLA is created"; Jira's completed cycles (JsmCycles).
        var target = Target(profile, IncidentConditions with { Reset = SlaCondition.FieldIn("attributes.reassigned", ["true"]) });

        var clocks = Track(target, NewP2.At(Mon(9)), Ticket("InProgress", P2).WithAttribute("reassigned", "true").At(Mon(11)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(SlaStage.Achieved, clocks[0].Evaluate(Mon(12)).Stage);
        Assert.Equal(SlaDisplayStage.Completed, clocks[0].Evaluate(Mon(12)).DisplayStage);
        Assert.Equal(Mon(11), clocks[1].Timeline[0].At);
        Assert.Equal(["SLA-1/Resolution/0", "SLA-1/Resolution/1"], clocks.Select(k => k.Id));
        var itsm = Assert.Single(Track(target with { Profile = SlaProfile.Itsm }, NewP2.At(Mon(9)), Ticket("InProgress", P2).WithAttribute("reassigned", "true").At(Mon(11))));
        Assert.Contains(itsm.Timeline, e => e.Kind == SlaEventKind.Reset);
    }

    [Fact]
    public void AReset_AttachesANewClockOnlyWhenTheStartConditionMatches()
    {
        // ServiceNowConditions: "For a new SLA to be attached, the start condition must match."
        var target = Target(SlaProfile.ServiceNow, IncidentConditions with { Reset = SlaCondition.FieldIn("attributes.reassigned", ["true"]) });

        var clock = Assert.Single(Track(target, NewP2.At(Mon(9)), Ticket("Canceled", P2).WithAttribute("reassigned", "true").At(Mon(11))));

        Assert.Equal(SlaStage.Cancelled, clock.Evaluate(Mon(12)).Stage);
    }

    // Start and stop in one update; attaching again.

    [Theory]
    [InlineData(SlaProfile.Itsm, 1)]
    [InlineData(SlaProfile.ServiceNow, 0)]
    [InlineData(SlaProfile.JiraServiceManagement, 1)]
    public void AStartAndAStopInOneUpdate_AttachNothingUnderServiceNow(SlaProfile profile, int clocks)
    {
        // ServiceNowProcessing, pass 1: "If the Start condition is true and the Stop condition is true, do nothing."
        var target = Target(profile, IncidentConditions with { Start = SlaCondition.Always });

        var tracked = Track(target, Ticket("Resolved", P2).At(Mon(9)));

        Assert.Equal(clocks, tracked.Count);
        Assert.All(tracked, k => Assert.Equal(Duration.Zero, k.Evaluate(Mon(10)).BusinessElapsed));
    }

    [Theory]
    [InlineData(SlaProfile.Itsm, 1)]
    [InlineData(SlaProfile.ServiceNow, 2)]
    [InlineData(SlaProfile.JiraServiceManagement, 1)]
    public void AfterACompletion_ServiceNowAttachesAgainWheneverStartMatchesAndStopDoesNot(SlaProfile profile, int clocks)
    {
        // ServiceNowProcessing, pass 1 runs for every definition without an active task SLA.
        var target = Target(profile, IncidentConditions with { Start = SlaCondition.Always });

        var tracked = Track(target, NewP2.At(Mon(9)), Ticket("Resolved", P2).At(Mon(10)), Ticket("InProgress", P2).At(Mon(11)));

        Assert.Equal(clocks, tracked.Count);
    }

    // Priority changes.

    [Theory]
    [InlineData(SlaProfile.Itsm, 15)]
    [InlineData(SlaProfile.ServiceNow, 15)]
    [InlineData(SlaProfile.JiraServiceManagement, 13)]
    public void ALowerGoalAlreadyExceeded_BreachesWhereTheElapsedTimeReachedItUnderJira(SlaProfile profile, int breachHour)
    {
        // Jira applies the goal in force to the whole cycle: its breach time is where the cycle's elapsed
        // time reached the goal (JsmCycles: breachTime, goalDuration, elapsedTime of the cycle).
        var clock = Assert.Single(Track(Target(profile), Ticket("InProgress", P3).At(Mon(9)), Ticket("InProgress", P1).At(Mon(15))));

        var status = clock.Evaluate(Mon(16));
        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Mon(breachHour), status.BreachInstant);
    }

    [Fact]
    public void AHigherGoal_UnderJira_IsAsIfTheCycleAlwaysHadIt()
    {
        // Jira keeps one goal per cycle and derives the cycle's breached flag and breach time from its elapsed
        // time against that goal (JsmCycles: breached, breachTime, goalDuration, elapsedTime): a raised goal not
        // yet reached leaves the cycle unbreached, where the library keeps HasEverBreached.
        var history = new[] { Ticket("InProgress", P1).At(Mon(9)), Ticket("InProgress", P2).At(Mon(14)) };

        var jira = Assert.Single(Track(Target(SlaProfile.JiraServiceManagement), history)).Evaluate(Mon(15));
        var itsm = Assert.Single(Track(Target(SlaProfile.Itsm), history)).Evaluate(Mon(15));

        Assert.Equal((SlaStage.InProgress, false, (Instant?)Mon(17)), (jira.Stage, jira.HasEverBreached, jira.BreachInstant));
        Assert.Equal((SlaStage.InProgress, true), (itsm.Stage, itsm.HasEverBreached));
    }

    [Fact]
    public void CancelAndAttach_CancelsTheClockAndAttachesTheNewPrioritysAsANewRecord()
    {
        // ServiceNow's one definition per priority: the P3 task SLA is cancelled, the P1 one attaches,
        // retroactively when its definition says so (ServiceNowRetroactive).
        var target = Target(SlaProfile.ServiceNow) with { PriorityChangePolicy = PriorityChangePolicy.CancelAndAttach, RetroactiveStart = SlaRetroactiveStart.Opened };

        var clocks = Track(target, Ticket("InProgress", P3).At(Mon(9)), Ticket("InProgress", P1).At(Mon(11)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(SlaDisplayStage.Cancelled, clocks[0].Evaluate(Mon(12)).DisplayStage);
        Assert.Equal((Mon(9), Hours(4)), (clocks[1].Timeline[0].At, clocks[1].Timeline[0].Target));
        Assert.Equal(Mon(13), clocks[1].Evaluate(Mon(12)).BreachInstant);
    }

    // Stages and elapsed times.

    [Fact]
    public void ServiceNow_ReportsACompletedBreachedClockAsCompletedWithHasBreached()
    {
        // ServiceNowTaskSla: stages In progress, Cancelled, Paused, Completed ("Breached" only for the 2010 engine).
        var clock = Assert.Single(Track(Target(SlaProfile.ServiceNow), Ticket("InProgress", P1).At(Mon(9)), Ticket("Resolved", P1).At(Mon(15))));

        var status = clock.Evaluate(Mon(16));
        Assert.Equal((SlaStage.Breached, SlaDisplayStage.Completed, true), (status.Stage, status.DisplayStage, status.HasEverBreached));
    }

    [Fact]
    public void TheThreeElapsedTimes_HaveNamesThatCannotBeConfused()
    {
        // ServiceNowTaskSla: "Actual Elapsed Time: time between start time and now (minus pause duration)";
        // business elapsed counts on the schedule only.
        var clock = Assert.Single(Track(Target(SlaProfile.ServiceNow), NewP2.At(Mon(16)), Ticket("OnHold", P2).At(Mon(16, 30)), Ticket("InProgress", P2).At(Mon(17, 30))));

        var status = clock.Evaluate(Tue(10));
        Assert.Equal(Duration.FromHours(18), status.WallClockElapsed);
        Assert.Equal(Duration.FromHours(17), status.ActualElapsed);
        Assert.Equal(Duration.FromMinutes(90), status.BusinessElapsed);
        Assert.Equal(Duration.FromHours(1), status.PausedDuration);
    }

    [Theory]
    [InlineData(SlaProfile.Itsm, SlaDisplayStage.InProgress)]
    [InlineData(SlaProfile.ServiceNow, SlaDisplayStage.InProgress)]
    [InlineData(SlaProfile.JiraServiceManagement, SlaDisplayStage.PausedOutsideCalendarHours)]
    public void ARunningClockOutsideCalendarHours_DisplaysAsPausedUnderJira(SlaProfile profile, SlaDisplayStage evening)
    {
        // JsmPausedKb, scenario 2: a goal on a calendar that is not 24/7 shows as paused outside its hours.
        var clock = Assert.Single(Track(Target(profile), Ticket("New", P3).At(Mon(9))));

        Assert.Equal(evening, clock.Evaluate(Mon(18)).DisplayStage);
        Assert.Equal(SlaDisplayStage.InProgress, clock.Evaluate(Mon(10)).DisplayStage);
        Assert.Equal(SlaStage.InProgress, clock.Evaluate(Mon(18)).Stage);
    }

    [Fact]
    public void TheLibraryProfile_DisplaysItsOwnStages()
    {
        var clock = Assert.Single(Track(Target(SlaProfile.Itsm), Ticket("InProgress", P1).At(Mon(9)), Ticket("Resolved", P1).At(Mon(15))));

        Assert.Equal(SlaDisplayStage.Breached, clock.Evaluate(Mon(16)).DisplayStage);
        Assert.Equal(SlaDisplayStage.Achieved, Assert.Single(Track(Target(SlaProfile.Itsm), Ticket("InProgress", P1).At(Mon(9)), Ticket("Resolved", P1).At(Mon(10)))).Evaluate(Mon(16)).DisplayStage);
    }

    // A whole ticket, replayed.

    [Fact]
    public void UnderServiceNow_ReplayingATicketsHistory_GivesTheTaskSlaRecordsOfItsDocumentedRules()
    {
        // One definition per priority (cancelAndAttach), "Set start to: Opened" with retroactive pause
        // (ServiceNowRetroactive), ServiceNow's default "When to cancel" (ServiceNowConditions), the record
        // fields of the task SLA table (ServiceNowTaskSla). Derived by hand on the 09:00-17:00 calendar:
        // - Mon 09:00 opened as P5: no definition for P5, no task SLA.
        // - 10:00-11:00 on hold (awaiting the caller), still P5.
        // - Mon 12:00 raised to P2 (8 h): the P2 task SLA attaches with start 09:00 and the 10:00-11:00 pause.
        // - 16:00-16:30 on hold: paused.
        // - Tue 11:00 raised to P1 (4 h): the P2 record is cancelled (the P2 definition's start condition no longer
        //   matches); the P1 definition's record attaches with start Mon 09:00 and both earlier pauses.
        // - Tue 13:00 resolved: the P1 record stops.
        var target = Target(SlaProfile.ServiceNow) with
        {
            PriorityChangePolicy = PriorityChangePolicy.CancelAndAttach,
            RetroactiveStart = SlaRetroactiveStart.Opened,
            RetroactivePauses = true,
        };
        var history = new[]
        {
            Ticket("New", P5).At(Mon(9)),
            Ticket("OnHold", P5, "AwaitingCaller").At(Mon(10)),
            Ticket("InProgress", P5).At(Mon(11)),
            Ticket("InProgress", P2).At(Mon(12)),
            Ticket("OnHold", P2, "AwaitingCaller").At(Mon(16)),
            Ticket("InProgress", P2).At(Mon(16, 30)),
            Ticket("InProgress", P1).At(Tue(11)),
            Ticket("Resolved", P1).At(Tue(13)),
        };

        var records = Track(target, history);

        Assert.Equal(["SLA-1/Resolution/0", "SLA-1/Resolution/1"], records.Select(r => r.Id));
        var p2 = records[0].Evaluate(Tue(17));
        var p1 = records[1].Evaluate(Tue(17));

        // P2: business 09-10, 11-16, 16:30-17, Tue 09-11 = 8.5 h, so it passed its 8 h (at Tue 10:30) before the
        // cancel; actual elapsed = 26 h from Mon 09:00 to Tue 11:00 minus 1.5 h paused.
        Assert.Equal(
            (Mon(9), (Instant?)Tue(11), SlaDisplayStage.Cancelled, true, Hours(8.5), Hours(24.5), (Instant?)Tue(10, 30)),
            (p2.StartedAt, p2.EndedAt, p2.DisplayStage, p2.HasEverBreached, p2.BusinessElapsed, p2.ActualElapsed, p2.BreachInstant));

        // P1: business 09-10, 11-16, 16:30-17, Tue 09-13 = 10.5 h; its 4 h were reached Mon 14:00 (1 h by 10:00,
        // then 11:00 + 3 h); actual elapsed = 28 h minus 1.5 h paused; Completed with "has breached".
        Assert.Equal(
            (Mon(9), (Instant?)Tue(13), SlaDisplayStage.Completed, true, Hours(10.5), Hours(26.5), (Instant?)Mon(14)),
            (p1.StartedAt, p1.EndedAt, p1.DisplayStage, p1.HasEverBreached, p1.BusinessElapsed, p1.ActualElapsed, p1.BreachInstant));
        Assert.Equal((Hours(1.5), Hours(4)), (p1.PausedDuration, p1.Target));
    }

    // Definitions.

    [Theory]
    [InlineData(SlaProfile.ServiceNow, PriorityChangePolicy.CancelAndRestartRetroactive, SlaRetroactiveStart.None, "cancelAndRestartRetroactive is the itsm profile's")]
    [InlineData(SlaProfile.Itsm, PriorityChangePolicy.CancelAndRestartRetroactive, SlaRetroactiveStart.Opened, "already restarts from the opening")]
    [InlineData(SlaProfile.JiraServiceManagement, PriorityChangePolicy.Retarget, SlaRetroactiveStart.Created, "Jira Service Management has no retroactive start")]
    public void AnAgreement_RefusesCombinationsNoAnchorHas(SlaProfile profile, PriorityChangePolicy policy, SlaRetroactiveStart start, string problem)
    {
        var target = Target(profile) with { PriorityChangePolicy = policy, RetroactiveStart = start };

        var ex = Assert.Throws<SlaDefinitionException>(() => AgreementOf(target));

        Assert.Contains(ex.Errors, e => e.Contains(problem, System.StringComparison.Ordinal));
    }

    [Fact]
    public void TheJsonFormat_CarriesTheProfileAndItsOptions_AndLeavesDefaultsOut()
    {
        var target = Target(SlaProfile.ServiceNow) with { CancelWhen = SlaCancelRule.Never, RetroactiveStart = SlaRetroactiveStart.Created, RetroactivePauses = true, PriorityChangePolicy = PriorityChangePolicy.CancelAndAttach };

        var json = AgreementOf(target).ToJson();
        var back = Agreement.FromJson(json).Targets[0];

        Assert.Equal((SlaProfile.ServiceNow, (SlaCancelRule?)SlaCancelRule.Never, SlaRetroactiveStart.Created, PriorityChangePolicy.CancelAndAttach), (back.Profile, back.CancelWhen, back.RetroactiveStart, back.PriorityChangePolicy));
        Assert.Contains("\"profile\":\"serviceNow\"", json.Replace(" ", string.Empty, System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.DoesNotContain("profile", AgreementOf(Target(SlaProfile.Itsm)).ToJson(), System.StringComparison.Ordinal);
    }
}
