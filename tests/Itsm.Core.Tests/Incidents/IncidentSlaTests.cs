using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Sla.SlaFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>
/// The SLA integration: an incident's <see cref="Incident.ToTicketSnapshot"/>, taken after every
/// command, fed to <see cref="SlaTracker"/> with a response and a resolution target. The clocks
/// start, pause on hold, stop on resolve and start a new cycle on reopen through the agreement's
/// conditions alone. The week is that of Monday 2026-11-30 on a 09:00-17:00 London calendar (GMT).
/// </summary>
public sealed class IncidentSlaTests
{
    private static readonly Actor Agent = IncidentFixtures.Agent;
    private static readonly Actor Caller = IncidentFixtures.Caller;

    /// <summary>Response: from New until the incident leaves New (P1 15m, P2 30m, P3 1h, P4 4h).</summary>
    private static SlaTarget ResponseTarget { get; } = new()
    {
        Metric = SlaMetric.Response,
        Durations = new Dictionary<Priority, Duration>
        {
            [Priority.Critical] = Minutes(15),
            [Priority.High] = Minutes(30),
            [Priority.Moderate] = Hours(1),
            [Priority.Low] = Hours(4),
        },
        CalendarId = "uk-office",
        Conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New"),
            Stop = SlaCondition.Not(SlaCondition.StateIn("New")),
        },
    };

    /// <summary>Resolution: runs in New, InProgress and OnHold, pauses OnHold, stops Resolved, Closed or Canceled (P1 4h, P2 8h, P3 16h, P4 40h).</summary>
    private static SlaTarget ResolutionTargetOfIncidents { get; } = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = ResolutionDurations,
        CalendarId = "uk-office",
        Conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
            Pause = SlaCondition.StateIn("OnHold"),
            Stop = SlaCondition.StateIn("Resolved", "Closed", "Canceled"),
        },
    };

    private static SlaTracker Tracker { get; } = new([new Agreement("SLA-INC", "Incident SLA", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [ResponseTarget, ResolutionTargetOfIncidents])]);

    /// <summary>An incident and its history of snapshots, one per accepted command.</summary>
    private sealed class Recorded
    {
        private readonly List<TicketChange> _history = [];

        public Recorded(Impact impact, Urgency urgency)
        {
            Clock = new FakeClock(Mon(9));
            Incident = IncidentFixtures.Open(Clock, impact, urgency);
            Snap();
        }

        public FakeClock Clock { get; }

        public Incident Incident { get; }

        public IReadOnlyList<TicketChange> History => _history;

        public Recorded At(Instant at, Action<Incident> command)
        {
            Clock.Reset(at);
            var version = Incident.Version;
            command(Incident);
            Assert.Equal(version + 1, Incident.Version);
            Snap();
            return this;
        }

        public IReadOnlyList<TrackedClock> Track() => Tracker.Track(_history);

        public TrackedClock Response() => Assert.Single(Track(), c => c.Target.Metric == SlaMetric.Response);

        public TrackedClock[] Resolution() => Track().Where(c => c.Target.Metric == SlaMetric.Resolution).OrderBy(c => c.Cycle).ToArray();

        // The instant of the change is the instant of the audit entry the command wrote.
        private void Snap() => _history.Add(new TicketChange(Incident.UncommittedAuditEntries[^1].At, Incident.ToTicketSnapshot()));
    }

    [Fact]
    public void ToTicketSnapshot_ShowsWhatTheConditionsRead()
    {
        var recorded = new Recorded(Impact.High, Urgency.Medium)
            .At(Mon(9, 10), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.NetworkGroup), "net.ops"))
            .At(Mon(9, 20), i => i.EscalateHierarchically(Agent, "manager.brown", "VIP."))
            .At(Mon(9, 30), i => i.PutOnHold(Agent, OnHoldReason.AwaitingVendor));

        var snapshot = recorded.Incident.ToTicketSnapshot();

        Assert.Equal("OnHold", snapshot.State);
        Assert.Equal(Priority.High, snapshot.Priority);
        Assert.Equal("AwaitingVendor", snapshot.OnHoldReason);
        Assert.Equal("email", snapshot.Service);
        Assert.Equal("Network", snapshot.AssignmentGroup);
        Assert.Null(snapshot.Offering);
        Assert.Null(snapshot.Supplier);
        Assert.Equal(new Dictionary<string, string> { ["major"] = "false", ["escalationLevel"] = "1" }, snapshot.Attributes);
    }

    [Fact]
    public void Opening_StartsTheResponseAndResolutionClocks()
    {
        var recorded = new Recorded(Impact.High, Urgency.Medium);

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Minutes(30))), recorded.Response().Timeline);
        var resolution = Assert.Single(recorded.Resolution());
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(8))), resolution.Timeline);
        Assert.Equal(SlaStage.InProgress, resolution.Evaluate(Mon(10)).Stage);
    }

    [Fact]
    public void ChangingThePriorityOfAResolvedIncident_LeavesItsStoppedClocksAsTheyEnded()
    {
        var recorded = new Recorded(Impact.High, Urgency.Medium)
            .At(Mon(9, 20), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.DeskGroup)))
            .At(Mon(11), i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, IncidentFixtures.Resolution));
        var before = recorded.Resolution().Single().Timeline;

        recorded.At(Mon(12), i => i.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High));

        Assert.Equal(Priority.Critical, recorded.Incident.Priority);
        Assert.Equal(IncidentState.Resolved, recorded.Incident.State);
        Assert.Equal(before, recorded.Resolution().Single().Timeline);
        Assert.Equal(SlaStage.Achieved, recorded.Resolution().Single().Evaluate(Mon(13)).Stage);
    }

    [Fact]
    public void Acknowledging_StopsTheResponseClockOnly()
    {
        var recorded = new Recorded(Impact.High, Urgency.Medium)
            .At(Mon(9, 20), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.DeskGroup)));

        var response = recorded.Response();
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Minutes(30)), SlaEvent.Stopped(Mon(9, 20))), response.Timeline);
        Assert.Equal(SlaStage.Achieved, response.Evaluate(Mon(12)).Stage);
        Assert.True(Assert.Single(recorded.Resolution()).Timeline.IsActive);
    }

    [Fact]
    public void AFullLifecycle_PausesOnHoldStopsOnResolveAndStartsANewCycleOnReopen()
    {
        var recorded = new Recorded(Impact.High, Urgency.Medium)
            .At(Mon(9, 20), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.DeskGroup), "agent.smith"))
            .At(Mon(10), i => i.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Which mail client?"))
            .At(Mon(16), i => i.RecordCallerResponse(Caller, "Outlook."))
            .At(Mon(16, 30), i => i.LinkProblem(Agent, "PRB0001"))
            .At(Tue(10), i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Profile rebuilt."))
            .At(Tue(13), i => i.Reopen(Caller, "It fails again."))
            .At(Tue(14), i => i.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High))
            .At(Tue(15), i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Relay replaced."))
            .At(Tue(16), i => i.Close(Agent));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Minutes(30)), SlaEvent.Stopped(Mon(9, 20))), recorded.Response().Timeline);
        var resolution = recorded.Resolution();
        Assert.Equal(2, resolution.Length);

        Assert.Equal(0, resolution[0].Cycle);
        Assert.Equal(
            Timeline(SlaEvent.Started(Mon(9), Hours(8)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(16)), SlaEvent.Stopped(Tue(10))),
            resolution[0].Timeline);
        var first = resolution[0].Evaluate(Tue(17));
        Assert.Equal(SlaStage.Achieved, first.Stage);
        Assert.Equal(Hours(3), first.BusinessElapsed); // Monday 09-10 and 16-17, Tuesday 09-10.

        Assert.Equal(1, resolution[1].Cycle);
        Assert.Equal(
            Timeline(SlaEvent.Started(Tue(13), Hours(8)), SlaEvent.Retargeted(Tue(14), Hours(4)), SlaEvent.Stopped(Tue(15))),
            resolution[1].Timeline);
        Assert.Equal(Priority.Critical, resolution[1].Priority);
        var second = resolution[1].Evaluate(Tue(17));
        Assert.Equal(SlaStage.Achieved, second.Stage);
        Assert.Equal(Hours(2), second.BusinessElapsed);
    }

    [Fact]
    public void Resume_EndsThePauseOfTheResolutionClock()
    {
        var recorded = new Recorded(Impact.Medium, Urgency.Medium)
            .At(Mon(9, 30), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.DeskGroup)))
            .At(Mon(11), i => i.PutOnHold(Agent, OnHoldReason.AwaitingVendor))
            .At(Mon(13), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.NetworkGroup)))
            .At(Mon(14), i => i.Resume(Agent));

        var resolution = Assert.Single(recorded.Resolution());

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Paused(Mon(11)), SlaEvent.Resumed(Mon(14))), resolution.Timeline);
        var status = resolution.Evaluate(Mon(15));
        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Hours(3), status.BusinessElapsed);
        Assert.Equal(Hours(3), status.PausedDuration);
    }

    [Fact]
    public void RecordCallerResponse_WhileAwaitingAVendor_KeepsTheClockPaused()
    {
        var recorded = new Recorded(Impact.Medium, Urgency.Medium)
            .At(Mon(10), i => i.PutOnHold(Agent, OnHoldReason.AwaitingVendor))
            .At(Mon(11), i => i.RecordCallerResponse(Caller, "Any news?"));

        var resolution = Assert.Single(recorded.Resolution());

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Paused(Mon(10))), resolution.Timeline);
        Assert.Equal(SlaStage.Paused, resolution.Evaluate(Mon(12)).Stage);
    }

    [Fact]
    public void PutOnHold_StraightFromNew_StopsTheResponseAndPausesTheResolutionAtOnce()
    {
        var recorded = new Recorded(Impact.Low, Urgency.Low)
            .At(Mon(9, 45), i => i.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Screenshot, please."));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(9, 45))), recorded.Response().Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(40)), SlaEvent.Paused(Mon(9, 45))), Assert.Single(recorded.Resolution()).Timeline);
    }

    [Fact]
    public void ChangeImpactOrUrgency_IsSeenByTheTracker()
    {
        var recorded = new Recorded(Impact.Low, Urgency.Low)
            .At(Mon(9, 5), i => i.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High));

        var resolution = Assert.Single(recorded.Resolution());

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(40)), SlaEvent.Retargeted(Mon(9, 5), Hours(4))), resolution.Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Retargeted(Mon(9, 5), Minutes(15))), recorded.Response().Timeline);
        Assert.Equal(Mon(13), resolution.Evaluate(Mon(10)).BreachInstant);
    }

    [Fact]
    public void Cancel_StopsTheResolutionClock()
    {
        var recorded = new Recorded(Impact.Medium, Urgency.Medium)
            .At(Mon(9, 10), i => i.Cancel(Agent, "Logged twice."));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Stopped(Mon(9, 10))), Assert.Single(recorded.Resolution()).Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(1)), SlaEvent.Stopped(Mon(9, 10))), recorded.Response().Timeline);
    }

    [Fact]
    public void ResolvingFromHold_StopsThePausedClock()
    {
        var recorded = new Recorded(Impact.Medium, Urgency.Medium)
            .At(Mon(10), i => i.PutOnHold(Agent, OnHoldReason.AwaitingProblem))
            .At(Tue(10), i => i.Resolve(Agent, IncidentResolutionCode.ResolvedByProblem, "Fixed by the problem."));

        var resolution = Assert.Single(recorded.Resolution());

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Paused(Mon(10)), SlaEvent.Stopped(Tue(10))), resolution.Timeline);
        Assert.Equal(Hours(1), resolution.Evaluate(Tue(12)).BusinessElapsed);
    }

    [Fact]
    public void ResolvingPastTheTarget_IsABreach()
    {
        var recorded = new Recorded(Impact.High, Urgency.High)
            .At(Mon(9, 5), i => i.Assign(Agent, new SupportGroupId(IncidentFixtures.DeskGroup)))
            .At(Mon(14), i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Late."));

        var status = Assert.Single(recorded.Resolution()).Evaluate(Mon(15));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Mon(13), status.BreachInstant);
    }
}
