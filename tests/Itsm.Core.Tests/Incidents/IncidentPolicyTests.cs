using System;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>The policies of docs/lifecycles/incident.md: assignment, work start, hold reason, reopen, auto-close.</summary>
public sealed class IncidentPolicyTests
{
    private static readonly Actor Bob = new("bob", "itil");
    private static readonly Actor DeskLead = new("lee", "service-desk");

    private static IncidentOptions WorkStart(IncidentWorkStart policy) => new() { WorkStart = policy };

    // Assignment and work start.

    [Theory]
    [InlineData(IncidentWorkStart.OnAssignment, null, IncidentState.InProgress)]
    [InlineData(IncidentWorkStart.OnAssignment, "bob", IncidentState.InProgress)]
    [InlineData(IncidentWorkStart.OnAgentAssignment, null, IncidentState.New)]
    [InlineData(IncidentWorkStart.OnAgentAssignment, "bob", IncidentState.InProgress)]
    [InlineData(IncidentWorkStart.Explicit, null, IncidentState.New)]
    [InlineData(IncidentWorkStart.Explicit, "bob", IncidentState.New)]
    public void Assigning_a_new_incident_starts_work_as_the_policy_says(IncidentWorkStart policy, string? assignee, IncidentState expected)
    {
        var clock = NewClock();
        var incident = Open(clock, options: WorkStart(policy));
        var probe = incident.Probe();

        incident.Assign(Agent, new SupportGroupId(DeskGroup), assignee);

        var data = assignee is null ? new[] { ("group", DeskGroup) } : [("group", DeskGroup), ("assignee", assignee)];
        probe.AssertAccepted("Assign", IncidentState.New, expected, Agent, clock.GetCurrentInstant(), data);
    }

    [Fact]
    public void StartWork_moves_a_new_incident_to_InProgress_under_every_policy()
    {
        foreach (var policy in Enum.GetValues<IncidentWorkStart>())
        {
            var clock = NewClock();
            var incident = Open(clock, options: WorkStart(policy));
            incident.Assign(Agent, new SupportGroupId(DeskGroup), policy == IncidentWorkStart.OnAssignment ? null : "bob");
            if (incident.State == IncidentState.New)
            {
                incident.StartWork(Bob);
                Assert.Equal(IncidentState.InProgress, incident.State);
                Assert.IsType<IncidentWorkStarted>(incident.UncommittedAuditEntries[^1].Event);
            }

            var ex = Assert.Throws<InvalidTransitionException>(() => incident.StartWork(Bob));
            Assert.Equal("InProgress", ex.State);
        }
    }

    [Fact]
    public void A_person_can_be_assigned_without_a_group_and_a_group_cleared_keeping_the_person()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        var probe = incident.Probe();

        incident.Assign(Agent, null, "bob");

        probe.AssertAccepted("Assign", IncidentState.InProgress, IncidentState.InProgress, Agent, clock.GetCurrentInstant(),
            ("assignee", "bob"), ("fromGroup", DeskGroup), ("fromAssignee", "agent.smith"));
        Assert.Null(incident.AssignmentGroup);
        Assert.Null(incident.ToTicketSnapshot().AssignmentGroup);
        Assert.Equal(new IncidentAssigned(null, "bob", new SupportGroupId(DeskGroup), "agent.smith"), incident.UncommittedAuditEntries[^1].Event);
    }

    [Theory]
    [InlineData(null, null, "group")]
    [InlineData(" ", null, "value")] // a blank group cannot even be named: SupportGroupId refuses it
    [InlineData(DeskGroup, "", "assignee")]
    public void Assign_without_a_group_or_a_person_names_the_argument(string? group, string? assignee, string parameter)
    {
        var incident = Open(NewClock());
        var probe = incident.Probe();

        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => incident.Assign(Agent, group is null ? null : new SupportGroupId(group), assignee)).ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Assigning_the_current_assignment_again_is_refused()
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith"));

        Assert.Equal("ITSM-INC-ASSIGN-001", ex.Code);
        Assert.Equal("The incident is already assigned to agent.smith of Service Desk.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void A_resolved_incident_can_be_reassigned_and_unassigned_and_stays_resolved()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock);

        incident.Assign(Agent, new SupportGroupId(NetworkGroup));
        Assert.Equal(IncidentState.Resolved, incident.State);
        incident.Unassign(Agent);

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(new IncidentUnassigned(new SupportGroupId(NetworkGroup), null), incident.UncommittedAuditEntries[^1].Event);
        Assert.Null(incident.AssignmentGroup);
        Assert.Null(incident.AssignedTo);
    }

    [Fact]
    public void Unassigning_an_incident_nobody_has_is_refused()
    {
        var incident = Open(NewClock());
        var probe = incident.Probe();

        Assert.Equal("ITSM-INC-ASSIGN-002", Assert.Throws<DomainRuleViolationException>(() => incident.Unassign(Agent)).Code);
        probe.AssertUnchanged();
    }

    // Hold reason.

    [Fact]
    public void Changing_the_hold_reason_keeps_the_incident_on_hold_without_a_resume_in_its_history()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Please send a screenshot.");
        clock.Advance(Duration.FromHours(1));
        var probe = incident.Probe();

        incident.ChangeHoldReason(Agent, OnHoldReason.AwaitingVendor, "The vendor has the logs now.");

        probe.AssertAccepted("ChangeHoldReason", IncidentState.OnHold, IncidentState.OnHold, Agent, clock.GetCurrentInstant(),
            ("fromOnHoldReason", "AwaitingCaller"), ("onHoldReason", "AwaitingVendor"), ("comment", "The vendor has the logs now."));
        Assert.Equal(OnHoldReason.AwaitingVendor, incident.OnHoldReason);
        var states = Incident.ReplayTicketHistory(incident.UncommittedAuditEntries).Select(c => c.Snapshot.State).ToArray();
        Assert.Equal(["New", "InProgress", "OnHold", "OnHold"], states.Skip(states.Length - 4));
        Assert.Equal("AwaitingVendor", Incident.ReplayTicketHistory(incident.UncommittedAuditEntries)[^1].Snapshot.OnHoldReason);
    }

    [Fact]
    public void Changing_the_hold_reason_to_the_same_or_to_the_caller_without_a_comment_is_refused()
    {
        var incident = InState(IncidentState.OnHold, NewClock());
        var probe = incident.Probe();

        Assert.Equal("ITSM-INC-HOLD-002", Assert.Throws<DomainRuleViolationException>(() => incident.ChangeHoldReason(Agent, OnHoldReason.AwaitingVendor)).Code);
        Assert.Equal("ITSM-INC-HOLD-001", Assert.Throws<DomainRuleViolationException>(() => incident.ChangeHoldReason(Agent, OnHoldReason.AwaitingCaller, " ")).Code);
        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => incident.ChangeHoldReason(Agent, (OnHoldReason)9)).ParamName);
        probe.AssertUnchanged();
    }

    // Reopen.

    [Fact]
    public void The_reopen_policy_decides_who_may_reopen()
    {
        var assigneeOrDesk = new IncidentOptions { Reopen = new IncidentReopenPolicy { Reopeners = IncidentReopeners.Assignee, Roles = ["service-desk"] } };
        var byAssignee = InState(IncidentState.Resolved, NewClock(), assigneeOrDesk);
        byAssignee.Reopen(Agent, "The relay failed again.");
        Assert.Equal(IncidentState.InProgress, byAssignee.State);

        var byRole = InState(IncidentState.Resolved, NewClock(), assigneeOrDesk);
        byRole.Reopen(DeskLead, "The caller phoned.");
        Assert.Equal(IncidentState.InProgress, byRole.State);

        var byCaller = InState(IncidentState.Resolved, NewClock(), assigneeOrDesk);
        var probe = byCaller.Probe();
        var ex = Assert.Throws<DomainRuleViolationException>(() => byCaller.Reopen(Caller, "Still broken."));
        Assert.Equal("ITSM-INC-REOPEN-001", ex.Code);
        Assert.Equal("Only the assignee (agent.smith) or holders of the role(s) service-desk can reopen the incident; caller.jones cannot.", ex.Message);
        probe.AssertUnchanged();

        var anyone = InState(IncidentState.Resolved, NewClock(), new IncidentOptions { Reopen = IncidentReopenPolicy.Anyone });
        anyone.Reopen(Bob, "Seen again by monitoring.");
        Assert.Equal(IncidentState.InProgress, anyone.State);
    }

    [Fact]
    public void A_business_time_window_counts_working_time_only_and_includes_its_end()
    {
        var officeHours = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();
        var options = new IncidentOptions { Reopen = new IncidentReopenPolicy { Window = IncidentReopenWindow.BusinessTime(Duration.FromHours(2), officeHours) } };
        var clock = NewClock();

        // Resolved Friday 16:00: one business hour on Friday, the second ends Monday 10:00.
        var onTime = Open(clock, options: options);
        clock.Reset(Instant.FromUtc(2026, 12, 4, 16, 0));
        onTime.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution);
        var late = Open(clock, options: options);
        late.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution);

        clock.Reset(Instant.FromUtc(2026, 12, 7, 10, 0));
        onTime.Reopen(Caller, "Still broken on Monday.");
        Assert.Equal(IncidentState.InProgress, onTime.State);

        clock.Advance(Duration.Epsilon);
        var ex = Assert.Throws<DomainRuleViolationException>(() => late.Reopen(Caller, "Still broken on Monday."));
        Assert.Equal("ITSM-INC-REOPEN-002", ex.Code);
        Assert.EndsWith("it can be reopened only within 0:02:00:00 business time of that.", ex.Message);
    }

    [Fact]
    public void Without_a_window_an_incident_can_be_reopened_a_year_later()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock, new IncidentOptions { Reopen = new IncidentReopenPolicy { Window = IncidentReopenWindow.None } });
        clock.Advance(Duration.FromDays(365));

        incident.Reopen(Caller, "It happened again.");

        Assert.Equal(IncidentState.InProgress, incident.State);
    }

    [Fact]
    public void A_closed_incident_reopens_only_when_the_policy_allows_it()
    {
        var clock = NewClock();
        var closedForGood = InState(IncidentState.Closed, clock);
        Assert.Throws<InvalidTransitionException>(() => closedForGood.Reopen(Caller, "again"));

        var reopenable = InState(IncidentState.Closed, clock, new IncidentOptions { Reopen = IncidentReopenPolicy.Anyone });
        Assert.Equal([IncidentCommand.Reopen, IncidentCommand.RecordSatisfaction], reopenable.PermittedCommands);
        var probe = reopenable.Probe();

        reopenable.Reopen(Bob, "The closure was premature.");

        probe.AssertAccepted("Reopen", IncidentState.Closed, IncidentState.InProgress, Bob, clock.GetCurrentInstant(), ("reason", "The closure was premature."));
        Assert.Null(reopenable.ResolvedAt);
    }

    [Fact]
    public void Policies_and_options_compare_by_value()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        IncidentOptions Build() => new()
        {
            WorkStart = IncidentWorkStart.OnAgentAssignment,
            Reopen = new IncidentReopenPolicy { Reopeners = IncidentReopeners.Caller | IncidentReopeners.Assignee, Roles = ["service-desk"], Window = IncidentReopenWindow.BusinessTime(Duration.FromHours(8), calendar) },
            AutoClose = IncidentAutoClosePolicy.After(Duration.FromHours(120)),
        };

        Assert.Equal(Build(), Build());
        Assert.Equal(Build().GetHashCode(), Build().GetHashCode());
        Assert.NotEqual(Build(), Build() with { Reopen = Build().Reopen with { Roles = ["manager"] } });
        Assert.NotEqual(Build(), Build() with { AutoClose = new IncidentAutoClosePolicy(5) });
        Assert.Equal(IncidentReopenWindow.WallClock(Duration.FromDays(7)), IncidentReopenPolicy.Default.Window);
    }

    [Fact]
    public void Policy_values_that_make_no_sense_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IncidentReopenWindow.WallClock(Duration.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncidentReopenWindow.BusinessTime(-Duration.Epsilon, BusinessCalendar.TwentyFourSeven));
        Assert.Throws<ArgumentNullException>(() => IncidentReopenWindow.BusinessTime(Duration.FromHours(1), null!));
        Assert.Throws<ArgumentException>(() => new IncidentReopenPolicy { Roles = [" "] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IncidentReopenPolicy { Reopeners = (IncidentReopeners)8 });
        Assert.Throws<ArgumentNullException>(() => new IncidentReopenPolicy { Window = null! });
        Assert.Throws<ArgumentNullException>(() => new IncidentOptions { Reopen = null! });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IncidentOptions { WorkStart = (IncidentWorkStart)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => IncidentAutoClosePolicy.After(Duration.Zero));
    }

    // Auto-close after a wall-clock duration.

    [Fact]
    public void A_wall_clock_auto_close_is_due_exactly_that_long_after_the_resolution()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock);
        var policy = IncidentAutoClosePolicy.After(Duration.FromHours(120));
        var due = incident.ResolvedAt!.Value + Duration.FromHours(120);

        Assert.Equal(due, policy.DueAt(incident, BusinessCalendar.TwentyFourSeven));
        Assert.Equal(Duration.FromHours(120), policy.WallClock);
        Assert.Equal(0, policy.BusinessDays);
        Assert.False(policy.CloseIfDue(incident, BusinessCalendar.TwentyFourSeven, SlaWorker, due - Duration.Epsilon));
        Assert.True(policy.CloseIfDue(incident, BusinessCalendar.TwentyFourSeven, SlaWorker, due));
        Assert.Equal(IncidentState.Closed, incident.State);
    }

    [Fact]
    public void The_diagram_of_a_policy_variant_shows_its_transitions()
    {
        var diagram = IncidentLifecycle.ToMermaid(new IncidentOptions { WorkStart = IncidentWorkStart.Explicit, Reopen = IncidentReopenPolicy.Anyone });

        Assert.Contains("New --> New : Assign", diagram);
        Assert.Contains("Closed --> InProgress : Reopen", diagram);
        Assert.DoesNotContain("Closed --> InProgress", IncidentLifecycle.ToMermaid());
    }
}
