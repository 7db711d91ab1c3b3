using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The tracker in each compatibility profile: <see cref="SlaTracker.Track"/> replaying a ticket's
/// history (the baseline: what a report or a migration does), and the SLA ledger folding the same
/// history one snapshot at a time (what the command path does). The ticket works a week on the small
/// London calendar: opened as P3, on hold and back every working hour, raised to P1 halfway, resolved,
/// reopened and resolved again; one agreement with a response and a resolution target, the
/// resolution target retargeting on the priority change. Whatever the profile, the cost per snapshot
/// should be the same: a profile changes which rule acts, not how many are evaluated.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlaTrackerBenchmarks
{
    private static readonly IReadOnlyDictionary<string, BusinessCalendar> Calendars = new Dictionary<string, BusinessCalendar> { ["london"] = BenchmarkCalendars.SmallLondon() };
    private SlaTracker _tracker = null!;
    private TicketChange[] _history = null!;

    /// <summary>The profile of both targets.</summary>
    [Params(SlaProfile.Itsm, SlaProfile.ServiceNow, SlaProfile.JiraServiceManagement)]
    public SlaProfile Profile { get; set; }

    /// <summary>Snapshots in the history.</summary>
    [Params(20, 200)]
    public int Snapshots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tracker = new SlaTracker([ResponseAndResolution(Profile)]);

        var history = new List<TicketChange>();
        var at = SlaClockBenchmarks.TimelineStart;
        for (int i = 0; i < Snapshots; i++)
        {
            string state = i == 0 ? "New" : i == Snapshots / 2 ? "Resolved" : i % 2 == 0 ? "OnHold" : "InProgress";
            var priority = i < Snapshots / 3 ? Priority.Moderate : Priority.Critical;
            history.Add(new TicketChange(at, new TicketSnapshot { State = state, Priority = priority }));
            at += Duration.FromMinutes(37);
        }

        history.Add(new TicketChange(at, new TicketSnapshot { State = "Resolved", Priority = Priority.Critical }));
        _history = history.ToArray();
    }

    /// <summary>
    /// The agreement the SLA benchmarks track: a response and a resolution target on the London calendar
    /// (P1 4 h, P2 8 h, P3 24 h; default warning thresholds), started in New, InProgress or OnHold, paused on hold, stopped when resolved.
    /// </summary>
    /// <param name="profile">The targets' compatibility profile.</param>
    /// <returns>The agreement.</returns>
    internal static Agreement ResponseAndResolution(SlaProfile profile)
    {
        var durations = new Dictionary<Priority, Duration>
        {
            [Priority.Critical] = Duration.FromHours(4),
            [Priority.High] = Duration.FromHours(8),
            [Priority.Moderate] = Duration.FromHours(24),
        };
        var conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
            Pause = SlaCondition.StateIn("OnHold"),
            Stop = SlaCondition.StateIn("Resolved", "Closed"),
            Cancel = SlaCondition.StateIn("Canceled"),
        };
        var response = new SlaTarget { Metric = SlaMetric.Response, Durations = durations, Conditions = conditions with { Stop = SlaCondition.Not(SlaCondition.StateIn("New")) }, Profile = profile, CalendarId = "london" };
        var resolution = new SlaTarget { Metric = SlaMetric.Resolution, Durations = durations, Conditions = conditions, Profile = profile, CalendarId = "london" };
        return new Agreement("SLA", "SLA", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [response, resolution]);
    }

    /// <summary>Replays the whole history into every clock's timeline.</summary>
    /// <returns>The clocks.</returns>
    [Benchmark(Baseline = true)]
    public IReadOnlyList<TrackedClock> Track() => _tracker.Track(_history);

    /// <summary>Folds the history into the ledger one snapshot at a time, as commands do.</summary>
    /// <returns>The ledger.</returns>
    [Benchmark]
    public object LedgerOneSnapshotAtATime()
    {
        var ledger = SlaLedger.Empty;
        foreach (var change in _history)
        {
            ledger = ledger.Advance(_tracker, Calendars, [change], null);
        }

        return ledger;
    }
}
