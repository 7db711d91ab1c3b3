using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Routing;

/// <summary>Random rotations, schedules and instants, weighted towards DST transitions (gaps, overlaps, 30-minute and whole-day changes).</summary>
public static class RotaArbitraries
{
    internal static readonly string[] ZoneIds =
        ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kathmandu", "UTC"];

    internal static readonly Period[] Lengths =
    [
        Period.FromMinutes(30), Period.FromMinutes(45), Period.FromHours(1), Period.FromMinutes(90), Period.FromHours(8),
        Period.FromHours(12), Period.FromDays(1), Period.FromDays(1) + Period.FromHours(1), Period.FromDays(2), Period.FromWeeks(1), Period.FromWeeks(2),
    ];

    private static readonly string[] People = ["ann", "ben", "cat", "dan", "eve"];

    public static Gen<Rotation> RotationGen =>
        from zone in Gen.Elements(ZoneIds)
        from length in Gen.Elements(Lengths)
        from day in Gen.Choose(0, 365 * 16)
        from minute in Gen.Choose(0, (24 * 4) - 1)
        from count in Gen.Choose(1, 4)
        from offset in Gen.Choose(0, 4)
        select new Rotation(
            Enumerable.Range(0, count).Select(i => People[(i + offset) % People.Length]),
            length,
            new LocalDate(2010, 1, 1).PlusDays(day).At(LocalTime.Midnight.PlusMinutes(minute * 15)),
            DateTimeZoneProviders.Tzdb[zone]);

    /// <summary>An instant near the rotation: around one of its zone's transitions, or anywhere within a year of its start.</summary>
    public static Gen<Instant> InstantNear(Rotation rotation)
    {
        var start = rotation.HandoffInstant(0);
        var transitions = rotation.Zone.GetZoneIntervals(new Interval(start - Duration.FromDays(30), start + Duration.FromDays(400)))
            .Where(z => z.HasStart).Select(z => z.Start).ToArray();
        var anywhere = Gen.Choose(-30 * 24 * 60, 400 * 24 * 60).Select(m => start + Duration.FromMinutes(m));
        return transitions.Length == 0
            ? anywhere
            : Gen.Frequency(
                (1, anywhere),
                (2, from t in Gen.Elements(transitions) from s in Gen.Choose(-3 * 3600, 3 * 3600) select t + Duration.FromSeconds(s)));
    }

    public sealed record RotationAt(Rotation Rotation, Instant At)
    {
        public override string ToString() =>
            $"{string.Join(",", Rotation.Participants)} every {Rotation.HandoffEvery} from {Rotation.FirstHandoff} {Rotation.Zone.Id}; at {At}";
    }

    public static Arbitrary<RotationAt> RotationsAt() =>
        (from rotation in RotationGen from at in InstantNear(rotation) select new RotationAt(rotation, at)).ToArbitrary();

    public sealed record ScheduleCase(OnCallSchedule Schedule, Interval Window)
    {
        public override string ToString() =>
            string.Join(" | ", Schedule.Layers.Select(l =>
                $"{l.Name}: {string.Join(",", l.Rotation.Participants)} every {l.Rotation.HandoffEvery} from {l.Rotation.FirstHandoff} {l.Rotation.Zone.Id}"
                + $" [{string.Join(" ", l.Restrictions.Select(r => $"{r.Day?.ToString() ?? "daily"} {r.From}-{r.To}"))}]"))
            + $" | overrides [{string.Join(" ", Schedule.Overrides.Select(o => $"{o.Interval}={o.Person}"))}] | window {Window}";
    }

    private static readonly LocalTime[] Times =
        [new(0, 0), new(0, 30), new(1, 0), new(1, 30), new(2, 0), new(2, 30), new(9, 0), new(17, 0), new(22, 0)];

    private static Gen<RotaRestriction> RestrictionGen =>
        from day in Gen.Frequency((2, Gen.Constant<IsoDayOfWeek?>(null)), (1, Gen.Choose(1, 7).Select(d => (IsoDayOfWeek?)(IsoDayOfWeek)d)))
        from a in Gen.Elements(Times)
        from b in Gen.Elements(Times)
        select a < b ? new RotaRestriction(day, a, b) : new RotaRestriction(day, b, LocalTime.Midnight);

    /// <summary>
    /// A schedule of one to three layers in the zones that change in 2026 (London, New York, Lord Howe), rotations
    /// starting within 40 days before a four-day window around one of those changes, and overrides inside the window.
    /// </summary>
    public static Arbitrary<ScheduleCase> Schedules() =>
        (from zone in Gen.Elements("Europe/London", "America/New_York", "Australia/Lord_Howe")
         let tz = DateTimeZoneProviders.Tzdb[zone]
         let changes = tz.GetZoneIntervals(new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0))).Where(z => z.HasStart).Select(z => z.Start).ToArray()
         from change in Gen.Elements(changes)
         from shift in Gen.Choose(-48, 24)
         let window = new Interval(change + Duration.FromHours(shift - 24), change + Duration.FromHours(shift + 72))
         from layerCount in Gen.Choose(1, 3)
         from layers in Gen.ArrayOf(
             from length in Gen.Elements(Lengths)
             from before in Gen.Choose(0, 40 * 24 * 4)
             from count in Gen.Choose(1, 4)
             from restricted in Gen.Choose(0, 2)
             from restrictions in Gen.ArrayOf(RestrictionGen, restricted)
             select (length, before, count, restrictions),
             layerCount)
         from overrideCount in Gen.Choose(0, 3)
         from overrides in Gen.ArrayOf(
             from startMinute in Gen.Choose(0, 96 * 60)
             from minutes in Gen.Choose(1, 12 * 60)
             from person in Gen.Elements("ovr1", "ovr2")
             select new RotaOverride(new Interval(window.Start + Duration.FromMinutes(startMinute), window.Start + Duration.FromMinutes(startMinute + minutes)), person),
             overrideCount)
         select new ScheduleCase(
             new OnCallSchedule(
                 new SupportGroupId("network"),
                 layers.Select((l, i) => new RotaLayer(
                     $"layer{i}",
                     new Rotation(
                         Enumerable.Range(0, l.count).Select(p => $"{(char)('a' + i)}{p}"),
                         l.length,
                         (window.Start - Duration.FromMinutes(l.before * 15)).InZone(tz).LocalDateTime,
                         tz),
                     l.restrictions)),
                 overrides),
             window)).ToArbitrary();
}
