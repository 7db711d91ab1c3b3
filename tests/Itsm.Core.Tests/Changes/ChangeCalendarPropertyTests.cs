using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Changes;

/// <summary>
/// The indexed conflict check against a brute-force pairwise check on random schedules: every
/// pair of changes compared directly, overlapping windows and shared items.
/// </summary>
public sealed class ChangeCalendarPropertyTests
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly string[] Services = ["Email", "Web", "Payroll", "VPN"];
    private static readonly string[] Items = ["mx01", "web01", "web02", "db01", "fw01", "fw02"];

    public sealed record Schedule(IReadOnlyList<ScheduledChange> Changes, ScheduledChange Candidate)
    {
        public override string ToString() =>
            $"candidate {Describe(Candidate)}; calendar [{string.Join("; ", Changes.Select(Describe))}]";

        private static string Describe(ScheduledChange c) =>
            $"{c.Window} {string.Join(",", c.Services)}|{string.Join(",", c.ConfigurationItems)}";
    }

    public static class Arbitraries
    {
        private static readonly Gen<ScheduledChange> ChangeGen =
            from start in Gen.Choose(0, 2000)
            from length in Gen.Frequency((4, Gen.Choose(1, 120)), (1, Gen.Choose(121, 1500)))
            from services in Gen.SubListOf(Services)
            from items in Gen.SubListOf(Items)
            from fallback in Gen.Elements(Services)
            select new ScheduledChange(
                ChangeId.New(),
                ChangeType.Normal,
                new Interval(Origin + Duration.FromMinutes(start), Origin + Duration.FromMinutes(start + length)),
                services.Count + items.Count == 0 ? [fallback] : services,
                items);

        public static Arbitrary<Schedule> Schedules() =>
            (from count in Gen.Choose(0, 60)
             from changes in Gen.ListOf(ChangeGen, count)
             from candidate in ChangeGen
             select new Schedule(changes.ToArray(), candidate)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public void CheckConflicts_FindsExactlyThePairwiseOverlaps(Schedule schedule)
    {
        var calendar = new ChangeCalendar(schedule.Changes);
        var candidate = schedule.Candidate;

        var expected = schedule.Changes
            .Where(c => c.Window.Start < candidate.Window.End && candidate.Window.Start < c.Window.End)
            .Select(c => (c.Id, Shared: Shared(c, candidate)))
            .Where(x => x.Shared.Count > 0)
            .OrderBy(x => x.Id.Value)
            .ToList();
        var actual = calendar.CheckConflicts(candidate)
            .Select(c => (Id: c.OtherChange!.Value, Shared: (IReadOnlyList<string>)c.SharedItems.Order().ToList()))
            .OrderBy(x => x.Id.Value)
            .ToList();

        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        Assert.Equal(expected.Select(e => string.Join(",", e.Shared)), actual.Select(a => string.Join(",", a.Shared)));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void FindNextFreeSlot_IsFreeAndNoEarlierStartOnTheMinuteGridIs(Schedule schedule)
    {
        var calendar = new ChangeCalendar(schedule.Changes);
        var candidate = schedule.Candidate;
        var limit = Origin + Duration.FromMinutes(6000);

        var slot = calendar.FindNextFreeSlot(candidate, Origin, limit);

        Assert.NotNull(slot);
        Assert.Equal(candidate.Window.Duration, slot.Value.Duration);
        Assert.Empty(calendar.CheckConflicts(candidate.WithWindow(slot.Value)));

        // Every start is a whole minute here, so a free slot that starts earlier would start on one.
        for (var start = Origin; start < slot.Value.Start; start += Duration.FromMinutes(1))
        {
            Assert.NotEmpty(calendar.CheckConflicts(candidate.WithWindow(new Interval(start, start + candidate.Window.Duration))));
        }
    }

    private static IReadOnlyList<string> Shared(ScheduledChange a, ScheduledChange b) =>
        a.Services.Intersect(b.Services).Select(s => "service:" + s)
            .Concat(a.ConfigurationItems.Intersect(b.ConfigurationItems).Select(i => "ci:" + i))
            .Order()
            .ToList();
}
