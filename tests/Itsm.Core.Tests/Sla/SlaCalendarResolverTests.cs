using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.BusinessTime.Tests;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// <see cref="SlaCalendarResolver"/>: a ticket's clocks count on the calendar the host chooses for it
/// (here by a <c>customer</c> attribute) when each clock attaches, in the command path's fold
/// (<see cref="SlaLedger"/>, stored between commands) and in the replay (<see cref="SlaTracker.Track"/>,
/// <see cref="SlaTracker.Recompute"/>) alike.
/// </summary>
[Properties(Arbitrary = [typeof(SlaArbitraries)], MaxTest = 200)]
public sealed class SlaCalendarResolverTests
{
    private static readonly BusinessCalendar NewYorkOffice = TestCalendars.NineToFive(TestCalendars.NewYork).Build();

    private static readonly IReadOnlyDictionary<string, BusinessCalendar> Calendars = new Dictionary<string, BusinessCalendar>
    {
        ["office"] = SlaFixtures.UkOffice,
        ["uk-office"] = SlaFixtures.UkOffice,
        ["ny-office"] = NewYorkOffice,
    };

    private static readonly Agreement Gold = SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget(), "gold");

    // The managed-service provider's resolver: each customer's calendar, else the target's.
    private static readonly SlaCalendarResolver ByCustomer = (snapshot, _, _) =>
        snapshot.Attributes.TryGetValue("customer", out var customer) && customer == "globex" ? "ny-office" : null;

    [Fact]
    public void Two_customers_on_different_calendars_get_different_due_instants_for_the_same_history()
    {
        var tracker = new SlaTracker([Gold], ByCustomer);

        var acme = Breach(tracker, [Opened("acme").At(SlaFixtures.Mon(9))]);
        var globex = Breach(tracker, [Opened("globex").At(SlaFixtures.Mon(9))]);

        // P2 is 8 business hours: a whole London day for Acme, a whole New York day (from 09:00 there) for Globex.
        Assert.Equal(SlaFixtures.Mon(17), acme);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 17), globex);
    }

    [Fact]
    public void The_replay_counts_each_clock_on_the_calendar_chosen_for_it()
    {
        var tracker = new SlaTracker([Gold], ByCustomer);
        TicketChange[] history = [Opened("globex").At(SlaFixtures.Mon(9))];

        var clock = Assert.Single(tracker.Track(history));
        var recomputed = tracker.Recompute([history], Calendars, SlaFixtures.Mon(12));

        Assert.Equal("ny-office", clock.CalendarId);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 17), clock.Evaluate(Calendars, SlaFixtures.Mon(12)).BreachInstant);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 17), recomputed[0][0]!.Value.BreachInstant);
    }

    [Fact]
    public void A_calendar_chosen_at_attach_stays_when_the_attribute_changes_and_the_next_clock_takes_the_new_one()
    {
        var tracker = new SlaTracker([Gold], ByCustomer);
        TicketChange[] history =
        [
            Opened("acme").At(SlaFixtures.Mon(9)),
            SlaFixtures.Ticket("InProgress", SlaFixtures.P2).WithAttribute("customer", "globex").At(SlaFixtures.Mon(10)),
        ];

        var ledger = SlaLedgerTests.RoundTrip(SlaLedger.Empty.Advance(tracker, Calendars, history, null));
        Assert.Equal(SlaFixtures.Mon(17), Due(ledger, tracker));
        Assert.Equal(SlaFixtures.Mon(17), Assert.Single(tracker.Track(history)).Evaluate(Calendars, SlaFixtures.Mon(10)).BreachInstant);

        // Resolved, then reopened: the new cycle's clock attaches on Globex's calendar.
        TicketChange[] reopened =
        [
            SlaFixtures.Ticket("Resolved", SlaFixtures.P2).WithAttribute("customer", "globex").At(SlaFixtures.Mon(11)),
            SlaFixtures.Ticket("InProgress", SlaFixtures.P2).WithAttribute("customer", "globex").At(SlaFixtures.Tue(9)),
        ];
        var later = SlaLedgerTests.RoundTrip(ledger.Advance(tracker, Calendars, reopened, null));
        var clocks = tracker.Track([.. history, .. reopened]);

        Assert.Equal("ny-office", later.Tracks[0].Calendar);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 12, 1, 17), Due(later, tracker));
        Assert.Equal(["uk-office", "ny-office"], clocks.Select(c => c.CalendarId));
    }

    [Fact]
    public void A_state_saved_without_a_calendar_reads_and_keeps_counting_on_the_targets_calendar()
    {
        // Saved before resolvers existed: no "calendar" field on the track.
        var old = SlaLedger.Empty.Advance(new SlaTracker([Gold]), Calendars, [Opened("globex").At(SlaFixtures.Mon(9))], null);
        var json = StateJson.Write(w => w.WriteSlaLedger("sla", old));
        Assert.DoesNotContain("\"calendar\"", json, StringComparison.Ordinal);

        var read = StateJson.Read("Incident", json, r => r.ReadSlaLedger("sla"));
        var tracker = new SlaTracker([Gold], ByCustomer);
        var advanced = read.Advance(tracker, Calendars, [SlaFixtures.Ticket("InProgress", SlaFixtures.P2).WithAttribute("customer", "globex").At(SlaFixtures.Mon(10))], null);

        Assert.Null(advanced.Tracks[0].Calendar);
        Assert.Equal(SlaFixtures.Mon(17), Due(advanced, tracker));
    }

    [Fact]
    public void A_calendar_the_resolver_names_that_does_not_exist_fails_with_the_id_agreement_and_target()
    {
        var tracker = new SlaTracker([Gold], (_, _, _) => "mars");
        TicketChange[] history = [Opened("acme").At(SlaFixtures.Mon(9))];

        var fold = Assert.Throws<KeyNotFoundException>(() => SlaLedger.Empty.Advance(tracker, Calendars, history, null));
        var replay = Assert.Throws<KeyNotFoundException>(() => tracker.Track(history)[0].Evaluate(Calendars, SlaFixtures.Mon(10)));

        const string Message = "The calendar 'mars' chosen by the SLA calendar resolver for agreement gold, target Resolution, is not among the calendars given.";
        Assert.Equal(Message, fold.Message);
        Assert.Equal(Message, replay.Message);
    }

    [Property]
    public void A_resolver_that_returns_the_targets_own_calendar_changes_nothing(TrackerCase c, int seed)
    {
        if (c.History.Length == 0)
        {
            return;
        }

        var agreements = c.Agreements.Select(OnOffice(seed)).ToArray();
        var plain = new SlaTracker(agreements);
        var own = new SlaTracker(agreements, (_, _, target) => target.CalendarId);
        var at = c.History[^1].At + Duration.FromHours(1);

        var plainLedger = SlaLedger.Empty.Advance(plain, Calendars, c.History, null);
        var ownLedger = SlaLedgerTests.RoundTrip(SlaLedger.Empty.Advance(own, Calendars, c.History, null));

        Assert.Equal(SlaLedgerTests.Describe(plainLedger.Due(plain, Calendars, null, null)), SlaLedgerTests.Describe(ownLedger.Due(own, Calendars, null, null)));
        Assert.Equal(Statuses(plain, c.History, at), Statuses(own, c.History, at));
        Assert.Equal(plain.Recompute([c.History], Calendars, at)[0], own.Recompute([c.History], Calendars, at)[0]);
    }

    [Property]
    public void Folding_with_a_resolver_gives_the_thresholds_of_a_replay_on_the_chosen_calendars(TrackerCase c, int seed)
    {
        // A choice that changes along the history (by priority and state), so clocks attach on different calendars.
        SlaCalendarResolver resolver = (snapshot, _, _) => ((snapshot.Priority.Value + snapshot.State.Length + seed) % 3) switch
        {
            0 => "ny-office",
            1 => "uk-office",
            _ => null,
        };
        var tracker = new SlaTracker(c.Agreements.Select(OnOffice(seed)).ToArray(), resolver);
        var expected = SlaLedgerTests.ReplayedCrossings(tracker, c.History, Calendars);
        var random = new Random(seed);

        var ledger = SlaLedger.Empty;
        for (int i = 0; i < c.History.Length;)
        {
            int take = Math.Min(c.History.Length - i, 1 + random.Next(3));
            ledger = SlaLedgerTests.RoundTrip(ledger.Advance(tracker, Calendars, c.History[i..(i + take)], null));
            i += take;
        }

        Assert.Equal(SlaLedgerTests.Describe(expected), SlaLedgerTests.Describe(ledger.Due(tracker, Calendars, null, null)));
    }

    private static TicketSnapshot Opened(string customer) => SlaFixtures.Ticket("New", SlaFixtures.P2).WithAttribute("customer", customer);

    // Some agreements on office hours, some round the clock (no calendar id), as the seed says.
    private static Func<Agreement, Agreement> OnOffice(int seed) => a =>
        (a.Id.Length + seed) % 2 == 0 ? new(a.Id, a.Name, a.Kind, a.Scope, a.Targets.Select(t => t with { CalendarId = "office" }).ToList()) : a;

    private static Instant Breach(SlaTracker tracker, TicketChange[] history) =>
        Due(SlaLedgerTests.RoundTrip(SlaLedger.Empty.Advance(tracker, Calendars, history, null)), tracker);

    private static Instant Due(SlaLedger ledger, SlaTracker tracker) =>
        ledger.Due(tracker, Calendars, null, null).Single(x => x.ThresholdPercent == 100.0).DueAt;

    private static List<string> Statuses(SlaTracker tracker, TicketChange[] history, Instant at) =>
        tracker.Track(history).Select(clock => $"{clock.Id} {clock.Evaluate(Calendars, at < clock.Timeline[^1].At ? clock.Timeline[^1].At : at)}").ToList();
}
