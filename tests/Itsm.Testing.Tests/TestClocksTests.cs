using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing.Tests;

public sealed class TestClocksTests
{
    private static readonly BusinessCalendar NineToFive = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
        .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
        .Build();

    [Fact]
    public void At_reads_the_local_time_in_the_zone()
    {
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 8, 30), TestClocks.At(2026, 7, 1, 9, 30, "Europe/London").GetCurrentInstant());
        Assert.Equal(Instant.FromUtc(2026, 1, 15, 9, 30), TestClocks.At(2026, 1, 15, 9, 30, "Europe/London").GetCurrentInstant());
        Assert.Equal(Instant.FromUtc(2026, 1, 15, 14, 30), TestClocks.At(2026, 1, 15, 9, 30, "America/New_York").GetCurrentInstant());
        Assert.Equal(Instant.FromUtc(2026, 1, 15, 9, 30), TestClocks.AtUtc(2026, 1, 15, 9, 30).GetCurrentInstant());
    }

    [Fact]
    public void At_resolves_a_skipped_or_repeated_local_time_leniently()
    {
        // 01:30 does not exist on 2026-03-29 in London (clocks go 01:00 -> 02:00): shifted forward by the gap.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), TestClocks.At(2026, 3, 29, 1, 30, "Europe/London").GetCurrentInstant());

        // 01:30 happens twice on 2026-10-25: the earlier (BST) occurrence.
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), TestClocks.At(2026, 10, 25, 1, 30, "Europe/London").GetCurrentInstant());
    }

    [Fact]
    public void At_refuses_an_unknown_zone_and_an_invalid_date()
    {
        var zone = Assert.Throws<ArgumentException>(() => TestClocks.At(2026, 1, 1, 9, 0, "Mars/Olympus_Mons"));
        Assert.Equal("zoneId", zone.ParamName);
        Assert.StartsWith("'Mars/Olympus_Mons' is not a TZDB time zone id.", zone.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => TestClocks.At(2026, 2, 30, 9, 0, "UTC"));
        Assert.ThrowsAny<ArgumentException>(() => TestClocks.At(2026, 1, 1, 24, 0, "UTC"));
        Assert.ThrowsAny<ArgumentException>(() => TestClocks.At(2026, 1, 1, 9, 0, " "));
    }

    [Fact]
    public void AdvanceTo_moves_forward_and_stays_on_the_same_instant()
    {
        var clock = TestClocks.AtUtc(2026, 1, 1, 9, 0);
        var later = Instant.FromUtc(2026, 1, 2, 9, 0) + Duration.FromNanoseconds(1);

        Assert.Equal(later, clock.AdvanceTo(later));
        Assert.Equal(later, clock.GetCurrentInstant());
        Assert.Equal(later, clock.AdvanceTo(later));
    }

    [Fact]
    public void AdvanceTo_refuses_to_move_backwards_and_leaves_the_clock_alone()
    {
        var clock = TestClocks.AtUtc(2026, 1, 1, 9, 0);
        var now = clock.GetCurrentInstant();

        var error = Assert.Throws<ArgumentException>(() => clock.AdvanceTo(now - Duration.FromNanoseconds(1)));

        Assert.Equal("instant", error.ParamName);
        Assert.StartsWith("The clock is at 2026-01-01T09:00:00Z; it cannot move backwards to 2026-01-01T08:59:59Z.", error.Message, StringComparison.Ordinal);
        Assert.Equal(now, clock.GetCurrentInstant());
    }

    [Fact]
    public void AdvanceBusinessTime_skips_nights_and_weekends()
    {
        // Friday 2026-11-27 16:30 London (GMT) plus one working hour: Monday 09:30.
        var clock = TestClocks.At(2026, 11, 27, 16, 30, "Europe/London");

        var now = clock.AdvanceBusinessTime(NineToFive, Duration.FromHours(1));

        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 30), now);
        Assert.Equal(now, clock.GetCurrentInstant());
    }

    [Fact]
    public void AdvanceBusinessTime_by_zero_leaves_the_clock_where_it_is()
    {
        var clock = TestClocks.At(2026, 11, 28, 12, 0, "Europe/London");
        var before = clock.GetCurrentInstant();
        Assert.Equal(before, clock.AdvanceBusinessTime(NineToFive, Duration.Zero));
        Assert.Equal(before, clock.GetCurrentInstant());
    }

    [Fact]
    public void AdvanceBusinessTime_refuses_a_negative_duration_and_null_arguments()
    {
        var clock = TestClocks.At(2026, 11, 27, 16, 30, "Europe/London");
        var before = clock.GetCurrentInstant();

        var error = Assert.Throws<ArgumentException>(() => clock.AdvanceBusinessTime(NineToFive, Duration.FromMinutes(-1)));
        Assert.Equal("workingTime", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => clock.AdvanceBusinessTime(null!, Duration.FromHours(1)));
        Assert.Throws<ArgumentNullException>(() => ((FakeClock)null!).AdvanceBusinessTime(NineToFive, Duration.FromHours(1)));
        Assert.Throws<ArgumentNullException>(() => ((FakeClock)null!).AdvanceTo(before));
        Assert.Equal(before, clock.GetCurrentInstant());
    }

    [Property(MaxTest = 200)]
    public Property AdvanceBusinessTime_passes_exactly_the_working_time_on_any_calendar() =>
        Prop.ForAll(
            (from calendar in ItsmGenerators.BusinessCalendars
             from start in ItsmGenerators.Instants
             from amounts in Gen.ArrayOf(ItsmGenerators.WorkingTimes, 3)
             select (calendar, start, amounts)).ToArbitrary(),
            c =>
            {
                var clock = new FakeClock(c.start);
                foreach (var amount in c.amounts)
                {
                    var before = clock.GetCurrentInstant();
                    var after = clock.AdvanceBusinessTime(c.calendar, amount);
                    Assert.Equal(c.calendar.Add(before, amount), after);
                    Assert.Equal(amount, c.calendar.Between(before, after));
                }
            });
}
