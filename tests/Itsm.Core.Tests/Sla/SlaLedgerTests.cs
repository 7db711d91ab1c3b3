using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// <see cref="SlaLedger"/>, the SLA state a ticket keeps instead of its history: folded one command at
/// a time, stored and loaded between commands, pruned as thresholds are recorded, it gives exactly the
/// thresholds a replay of the whole history gives (<see cref="SlaTracker.Track"/> and a brute-force walk
/// of every clock's timeline, the implementation before the ledger).
/// </summary>
[Properties(Arbitrary = [typeof(SlaArbitraries)], MaxTest = 300)]
public sealed class SlaLedgerTests
{
    private static readonly IReadOnlyDictionary<string, BusinessCalendar> Calendars =
        new Dictionary<string, BusinessCalendar> { ["office"] = SlaFixtures.UkOffice, ["uk-office"] = SlaFixtures.UkOffice };

    [Property]
    public void Folding_snapshot_by_snapshot_gives_the_thresholds_of_a_replay(TrackerCase c, bool office, int seed)
    {
        var tracker = new SlaTracker(office ? c.Agreements.Select(OnOfficeHours).ToArray() : c.Agreements);
        var expected = ReplayedCrossings(tracker, c.History);
        var random = new Random(seed);

        // Commands come one or several at a time (a unit of work), and the ledger is stored between saves.
        var ledger = SlaLedger.Empty;
        for (int i = 0; i < c.History.Length;)
        {
            int take = Math.Min(c.History.Length - i, 1 + random.Next(3));
            ledger = RoundTrip(ledger.Advance(tracker, Calendars, c.History[i..(i + take)], null));
            i += take;
        }

        Assert.Equal(Describe(expected), Describe(ledger.Due(tracker, Calendars, null, null)));
    }

    [Property]
    public void Recording_thresholds_as_they_fall_due_leaves_the_later_ones_of_a_replay(TrackerCase c, int seed)
    {
        var tracker = new SlaTracker(c.Agreements);
        var random = new Random(seed);
        var ledger = SlaLedger.Empty;
        SlaThresholdReached? recorded = null;
        foreach (var change in c.History)
        {
            ledger = RoundTrip(ledger.Advance(tracker, Calendars, [change], recorded));

            // The worker records what is due now, sometimes not all of it.
            var due = ledger.Due(tracker, Calendars, recorded, change.At);
            if (due.Count > 0 && random.Next(3) > 0)
            {
                recorded = due[random.Next(due.Count)];
            }
        }

        var expected = ReplayedCrossings(tracker, c.History).Where(x => recorded is null || SlaThresholdReached.Order(x, recorded) > 0).ToList();
        Assert.Equal(Describe(expected), Describe(RoundTrip(ledger.Advance(tracker, Calendars, [], recorded)).Due(tracker, Calendars, recorded, null)));
    }

    [Property]
    public void A_ledgers_size_depends_on_the_agreements_not_on_the_history(TrackerCase c)
    {
        // Thresholds recorded as they fall due (what the SLA worker does): then only the clocks remain.
        var tracker = new SlaTracker(c.Agreements);
        var ledger = SlaLedger.Empty;
        SlaThresholdReached? recorded = null;
        foreach (var change in c.History)
        {
            ledger = ledger.Advance(tracker, Calendars, [change], recorded);
            recorded = ledger.Due(tracker, Calendars, recorded, change.At).LastOrDefault() ?? recorded;
        }

        int targets = c.Agreements.Sum(a => a.Targets.Count);
        Assert.Equal(targets, ledger.Tracks.Length);
        Assert.All(ledger.Tracks, t => Assert.True(t.Shadows.Length <= 5 && t.Shadows.All(s => s.Crossings.Length <= 16)));
        Assert.All(ledger.Tracks, t => Assert.True(t.RetroShadows.Length <= 5 && t.RetroShadows.All(s => s.Crossings.Length <= 16)));
        Assert.All(ledger.Crossed, x => Assert.True(x.DueAt > c.History[^1].At || recorded is not null));
    }

    [Fact]
    public void Instants_that_go_back_count_as_the_last_instant_seen()
    {
        var tracker = new SlaTracker([SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())]);
        var opened = SlaFixtures.Ticket("New", Itsm.Common.Priority.High);
        var ledger = SlaLedger.Empty.Advance(tracker, Calendars, [new TicketChange(SlaFixtures.Mon(10), opened)], null);

        var back = ledger.Advance(tracker, Calendars, [new TicketChange(SlaFixtures.Mon(9), SlaFixtures.Ticket("OnHold", Itsm.Common.Priority.High))], null);

        Assert.Equal(SlaFixtures.Mon(10), back.LastAt);
        Assert.Equal(SlaFixtures.Mon(10), back.Tracks[0].Clock.LastEventAt);
    }

    [Fact]
    public void A_clock_begun_before_its_target_took_the_Jira_profile_retargets_on_a_goal_change()
    {
        // The ledger keeps no shadows for an Itsm target; when the agreement changes profile under a
        // running clock, the Jira goal change cannot apply to the whole cycle and retargets instead.
        var itsm = SlaFixtures.ResolutionTarget();
        var ledger = SlaLedger.Empty.Advance(new SlaTracker([SlaFixtures.AgreementOf(itsm)]), Calendars, [new TicketChange(SlaFixtures.Mon(9), SlaFixtures.Ticket("InProgress", SlaFixtures.P3))], null);
        var jira = new SlaTracker([SlaFixtures.AgreementOf(itsm with { Profile = SlaProfile.JiraServiceManagement })]);

        var after = RoundTrip(ledger).Advance(jira, Calendars, [new TicketChange(SlaFixtures.Mon(15), SlaFixtures.Ticket("InProgress", SlaFixtures.P1))], null);

        Assert.Equal(SlaFixtures.Hours(4), after.Tracks[0].Clock.Target);
        Assert.Equal(SlaFixtures.Mon(15), after.Tracks[0].Clock.BreachAt);
    }

    [Fact]
    public void A_Jira_goal_change_moves_the_pending_breach_to_where_the_elapsed_time_reached_the_new_goal()
    {
        var target = SlaFixtures.ResolutionTarget() with { Profile = SlaProfile.JiraServiceManagement };
        var tracker = new SlaTracker([SlaFixtures.AgreementOf(target)]);
        var ledger = SlaLedger.Empty.Advance(tracker, Calendars, [new TicketChange(SlaFixtures.Mon(9), SlaFixtures.Ticket("InProgress", SlaFixtures.P3))], null);

        var after = RoundTrip(RoundTrip(ledger).Advance(tracker, Calendars, [new TicketChange(SlaFixtures.Mon(15), SlaFixtures.Ticket("InProgress", SlaFixtures.P1))], null));

        Assert.Equal(SlaFixtures.Mon(13), after.Tracks[0].Clock.StatusAt(SlaFixtures.Mon(15), SlaFixtures.UkOffice, []).BreachInstant);
        Assert.Contains(after.Due(tracker, Calendars, null, SlaFixtures.Mon(15)), x => x.ThresholdPercent == 100.0 && x.DueAt == SlaFixtures.Mon(13));
    }

    [Fact]
    public void A_clock_duration_is_written_as_whole_nanoseconds_with_the_same_digits_inside_and_outside_the_range_of_a_long()
    {
        // The writer formats a long up to about 292 years and a decimal beyond: both give the digits of the exact value.
        var durations = new[]
        {
            Duration.Zero, Duration.Epsilon, Duration.FromNanoseconds(-1), Duration.FromHours(8),
            Duration.FromDays(105_999) + Duration.FromNanoseconds(86_399_999_999_999), Duration.FromDays(106_000),
            Duration.FromDays(-106_000) + Duration.Epsilon, Duration.FromDays(-106_000), Duration.FromDays(-106_001),
            Duration.FromDays(200_000) + Duration.FromNanoseconds(123), Duration.MaxValue - Duration.FromDays(2), Duration.MinValue + Duration.FromDays(2),
        };
        var name = System.Text.Json.JsonEncodedText.Encode("d");

        foreach (var duration in durations)
        {
            var json = StateJson.Write(w => SlaLedgerJson.WriteDuration(w, name, duration));
            var exact = ((decimal)duration.Days * 86_400_000_000_000m) + duration.NanosecondOfDay;

            Assert.Equal("{\"v\":1,\"d\":" + exact.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", json);
            Assert.Equal(duration, StateJson.Read("Incident", json, r => SlaLedgerJson.ReadDuration(r, "d")));
        }
    }

    internal static SlaLedger RoundTrip(SlaLedger ledger) =>
        StateJson.Read("Incident", StateJson.Write(w => w.WriteSlaLedger("sla", ledger)), r => r.ReadSlaLedger("sla"));

    private static Agreement OnOfficeHours(Agreement a) =>
        new(a.Id, a.Name, a.Kind, a.Scope, a.Targets.Select(t => t with { CalendarId = "office" }).ToList());

    internal static List<string> Describe(IEnumerable<SlaThresholdReached> crossings) =>
        crossings.Select(x => $"{x.DueAt} {x.AgreementId} {x.Metric} {x.ThresholdPercent}").ToList();

    // The reference: every clock of a replay, walked event by event (the walk before the ledger), on the calendar it counts on.
    internal static List<SlaThresholdReached> ReplayedCrossings(SlaTracker tracker, TicketChange[] history, IReadOnlyDictionary<string, BusinessCalendar>? calendars = null)
    {
        var crossings = new List<SlaThresholdReached>();
        foreach (var clock in tracker.Track(history))
        {
            var calendar = clock.CalendarId is null ? BusinessCalendar.TwentyFourSeven : (calendars ?? Calendars)[clock.CalendarId];
            Walk(clock, calendar, crossings);
        }

        crossings.Sort(SlaThresholdReached.Order);
        return crossings;
    }

    private static void Walk(TrackedClock clock, BusinessCalendar calendar, List<SlaThresholdReached> into)
    {
        var percents = clock.Target.WarningThresholds.Where(p => p > 0 && double.IsFinite(p)).Append(100.0).Distinct().ToList();
        bool running = false;
        var lastAt = Instant.MinValue;
        var target = Duration.Zero;
        var elapsed = Duration.Zero;
        void Cross(double p, Instant at) =>
            into.Add(new SlaThresholdReached(clock.Agreement.Id, clock.Target.Metric, p, SlaThresholdReached.KindOf(p), at));

        foreach (var e in clock.Timeline)
        {
            if (running)
            {
                var segment = calendar.Between(lastAt, e.At);
                foreach (var p in percents.Where(p => elapsed < Amount(target, p) && elapsed + segment >= Amount(target, p)))
                {
                    Cross(p, calendar.Add(lastAt, Amount(target, p) - elapsed));
                }

                elapsed += segment;
            }

            switch (e.Kind)
            {
                case SlaEventKind.Started or SlaEventKind.Reset:
                    (running, target, elapsed) = (true, e.Target, Duration.Zero);
                    break;
                case SlaEventKind.Paused or SlaEventKind.Stopped or SlaEventKind.Cancelled:
                    running = false;
                    break;
                case SlaEventKind.Resumed:
                    running = true;
                    break;
                default:
                    foreach (var p in percents.Where(p => elapsed < Amount(target, p) && elapsed >= Amount(e.Target, p)))
                    {
                        Cross(p, e.At);
                    }

                    target = e.Target;
                    break;
            }

            lastAt = e.At;
        }

        foreach (var p in percents.Where(p => running && elapsed < Amount(target, p)))
        {
            Cross(p, calendar.Add(lastAt, Amount(target, p) - elapsed));
        }
    }

    private static Duration Amount(Duration target, double percent) =>
        percent == 100.0 ? target : Duration.FromNanoseconds((long)Math.Round((decimal)target.ToInt64Nanoseconds() * (decimal)percent / 100m, MidpointRounding.AwayFromZero));
}
