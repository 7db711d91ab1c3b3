using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Testing;

/// <summary>
/// FsCheck 3 generators of valid Itsm.Core values: business calendars, agreements, incident command
/// sequences and incidents. Every value they produce is accepted by the type's constructor or builder.
/// Use them directly (<c>Prop.ForAll(ItsmGenerators.BusinessCalendar.ToArbitrary(), ...)</c>) or through
/// <see cref="ItsmArbitraries"/>.
/// </summary>
public static partial class ItsmGenerators
{
    /// <summary>
    /// The time zones calendars are generated in: one-hour DST on both hemispheres, a 30-minute DST
    /// (Australia/Lord_Howe), 45-minute offsets (Pacific/Chatham), a skipped day (Pacific/Apia, 2011-12-30),
    /// two-hour DST (Antarctica/Troll), DST suspended for Ramadan (Africa/Casablanca), transitions at
    /// midnight (America/Santiago, America/Havana, Asia/Gaza), and zones without DST.
    /// </summary>
    public static IReadOnlyList<string> ZoneIds { get; } =
    [
        "Europe/London", "America/New_York", "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Chatham",
        "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata", "UTC", "America/St_Johns",
        "Antarctica/Troll", "Africa/Casablanca", "America/Santiago", "Asia/Tehran", "America/Havana",
        "Asia/Gaza", "Asia/Pyongyang", "America/Caracas",
    ];

    /// <summary>The earliest instant <see cref="Instants"/> generates.</summary>
    public static Instant WindowStart { get; } = Instant.FromUtc(2011, 1, 1, 0, 0);

    /// <summary>The instant before which <see cref="Instants"/> generates.</summary>
    public static Instant WindowEnd { get; } = Instant.FromUtc(2031, 1, 1, 0, 0);

    private static readonly string[] States = ["New", "InProgress", "OnHold", "Resolved", "Closed", "Canceled"];
    private static readonly string[] PriorityValues = ["1", "2", "3", "4", "5"];

    /// <summary>A time zone of <see cref="ZoneIds"/> (from TZDB).</summary>
    public static Gen<DateTimeZone> Zones => Gen.Elements(ZoneIds.ToArray()).Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>An instant from <see cref="WindowStart"/> to <see cref="WindowEnd"/>, at any nanosecond, often on a whole minute.</summary>
    public static Gen<Instant> Instants =>
        from day in Gen.Choose(0, (int)(WindowEnd - WindowStart).Days - 1)
        from minute in Gen.Choose(0, 1439)
        from nanos in Gen.Frequency(
            (2, Gen.Constant(0L)),
            (1, from ms in Gen.Choose(0, 59_999) from ns in Gen.Choose(0, 999_999) select (ms * 1_000_000L) + ns))
        select WindowStart + Duration.FromDays(day) + Duration.FromMinutes(minute) + Duration.FromNanoseconds(nanos);

    /// <summary>An amount of working time from zero to two weeks, at any nanosecond, biased to short ones.</summary>
    public static Gen<Duration> WorkingTimes =>
        from minutes in Gen.Frequency((3, Gen.Choose(0, 240)), (2, Gen.Choose(0, 2400)), (1, Gen.Choose(0, 20_160)))
        from nanos in Gen.Frequency((3, Gen.Constant(0L)), (1, Gen.Choose(0, 59_999_999).Select(n => n * 1000L)))
        select Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanos);

    /// <summary>
    /// A weekly schedule: for each ISO weekday (index 0 is Monday) 0-3 sorted, disjoint working ranges
    /// on a 15-minute grid, some starting at 00:00 or ending at 24:00 (overnight shifts), with at least
    /// one working range in the week; sometimes 24x7 or Monday-Friday 09:00-17:00.
    /// </summary>
    public static Gen<TimeOfDayRange[][]> WeeklySchedules =>
        Gen.Frequency(
            (10, Gen.ArrayOf(DayGen, 7).Where(week => week.Any(day => day.Length > 0))),
            (1, Gen.Constant(Enumerable.Range(0, 7).Select(_ => new[] { TimeOfDayRange.WholeDay }).ToArray())),
            (1, Gen.Constant(Enumerable.Range(0, 7).Select(d => d < 5 ? new[] { new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(17, 0)) } : []).ToArray())));

    /// <summary>
    /// A business calendar: a zone of <see cref="ZoneIds"/>, a <see cref="WeeklySchedules"/>, and holidays
    /// and partial-day closures (repeated, overlapping, on non-working days) within a year or so of an
    /// anchor date between 2011 and 2030, biased towards the zone's offset transitions.
    /// </summary>
    public static Gen<BusinessCalendar> BusinessCalendars =>
        from zoneId in Gen.Elements(ZoneIds.ToArray())
        from week in WeeklySchedules
        from anchor in AnchorNear(zoneId)
        let anchorDate = anchor.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date
        from holidays in HolidaysNear(anchorDate)
        from closures in ClosuresNear(anchorDate)
        select BuildCalendar(DateTimeZoneProviders.Tzdb[zoneId], week, holidays, closures);

    /// <summary>
    /// An SLA target of <paramref name="metric"/>: durations of whole minutes (one minute to 40 hours)
    /// for some or all of the five priorities, 0-5 warning thresholds (0.1% to 200%), start, stop, pause,
    /// resume, cancel and reset conditions (state lists and random condition trees), any
    /// <see cref="SlaProfile"/>, any priority change policy, any <see cref="SlaTarget.CancelWhen"/> (often the
    /// profile's default), any <see cref="SlaRetroactiveStart"/>, and retroactive pauses on or off: only the
    /// combinations an <see cref="Agreement"/> accepts (<see cref="PriorityChangePolicy.CancelAndRestartRetroactive"/>
    /// under <see cref="SlaProfile.Itsm"/> and without a retroactive start; no retroactive start under
    /// <see cref="SlaProfile.JiraServiceManagement"/>).
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The generator.</returns>
    public static Gen<SlaTarget> SlaTargets(SlaMetric metric) =>
        from priorities in Gen.Frequency((2, Gen.Constant(PriorityValues)), (3, SubsetOf(PriorityValues)))
        from minutes in Gen.ArrayOf(TargetMinutes, priorities.Length)
        from thresholds in Thresholds
        from conditions in Conditions
        from profile in Gen.Frequency((2, Gen.Constant(SlaProfile.Itsm)), (1, Gen.Constant(SlaProfile.ServiceNow)), (1, Gen.Constant(SlaProfile.JiraServiceManagement)))
        from policy in PriorityChangePolicies(profile)
        from cancelWhen in Gen.Frequency((3, Gen.Constant<SlaCancelRule?>(null)), (1, Gen.Elements<SlaCancelRule?>(SlaCancelRule.CancelConditionMet, SlaCancelRule.StartConditionNotMet, SlaCancelRule.Never)))
        from retroactiveStart in RetroactiveStarts(profile, policy)
        from retroactivePauses in Gen.Elements(false, true)
        select new SlaTarget
        {
            Metric = metric,
            Durations = priorities
                .Select((p, i) => (Priority: new Priority(int.Parse(p, CultureInfo.InvariantCulture)), Duration: Duration.FromMinutes(minutes[i])))
                .ToDictionary(x => x.Priority, x => x.Duration),
            WarningThresholds = thresholds,
            Conditions = conditions,
            Profile = profile,
            PriorityChangePolicy = policy,
            CancelWhen = cancelWhen,
            RetroactiveStart = retroactiveStart,
            RetroactivePauses = retroactivePauses,
        };

    /// <summary>
    /// An agreement (SLA, OLA or underpinning contract) with id "A", covering everything or some
    /// groups, suppliers or services, with a resolution target and sometimes a response target.
    /// </summary>
    public static Gen<Agreement> Agreements =>
        from kind in Gen.Elements(AgreementKind.ServiceLevelAgreement, AgreementKind.OperationalLevelAgreement, AgreementKind.UnderpinningContract)
        from scope in Scope
        from withResponse in Gen.Elements(false, true)
        from resolution in SlaTargets(SlaMetric.Resolution)
        from response in SlaTargets(SlaMetric.Response)
        select new Agreement("A", "Generated agreement", kind, scope, withResponse ? [response, resolution] : [resolution]);

    /// <summary>
    /// One incident command with valid arguments, issued between no time and a few days after the
    /// previous one, by an agent or by the caller.
    /// </summary>
    public static Gen<IncidentCommandStep> IncidentCommandSteps =>
        from command in Gen.Frequency(
            (4, Gen.Constant(IncidentCommand.Assign)),
            (3, Gen.Constant(IncidentCommand.PutOnHold)),
            (3, Gen.Constant(IncidentCommand.Resume)),
            (2, Gen.Constant(IncidentCommand.RecordCallerResponse)),
            (4, Gen.Constant(IncidentCommand.Resolve)),
            (2, Gen.Constant(IncidentCommand.Reopen)),
            (2, Gen.Constant(IncidentCommand.Close)),
            (1, Gen.Constant(IncidentCommand.Cancel)),
            (2, Gen.Constant(IncidentCommand.ChangeImpactOrUrgency)),
            (1, Gen.Constant(IncidentCommand.EscalateFunctionally)),
            (1, Gen.Constant(IncidentCommand.EscalateHierarchically)),
            (1, Gen.Constant(IncidentCommand.PromoteToMajor)),
            (1, Gen.Constant(IncidentCommand.DemoteFromMajor)),
            (1, Gen.Constant(IncidentCommand.RecordPostIncidentReview)),
            (1, Gen.Constant(IncidentCommand.LinkCausedByChange)),
            (1, Gen.Constant(IncidentCommand.LinkProblem)),
            (1, Gen.Constant(IncidentCommand.Unassign)),
            (2, Gen.Constant(IncidentCommand.StartWork)),
            (1, Gen.Constant(IncidentCommand.ChangeHoldReason)),
            (1, Gen.Constant(IncidentCommand.ChangeService)),
            (1, Gen.Constant(IncidentCommand.AddConfigurationItem)),
            (1, Gen.Constant(IncidentCommand.RemoveConfigurationItem)),
            (1, Gen.Constant(IncidentCommand.AssignToSupplier)),
            (1, Gen.Elements(IncidentCommand.AddWorkNote, IncidentCommand.AddComment, IncidentCommand.LogTime)))
        from after in Gen.Frequency(
            (2, Gen.Constant(Duration.Zero)),
            (4, Gen.Choose(1, 240).Select(m => Duration.FromMinutes(m))),
            (1, Gen.Choose(1, 10 * 24).Select(h => Duration.FromHours(h))))
        from actor in Gen.Frequency((4, Gen.Elements(Agents)), (1, Gen.Constant(Caller)))
        from text in Gen.Elements("ServiceDesk", "Network", "Database", "Waiting for the caller's screenshot", "Restarted the mail relay", "CHG-1001", "PRB-42", "duty-manager")
        from reason in Gen.Elements(OnHoldReason.AwaitingCaller, OnHoldReason.AwaitingChange, OnHoldReason.AwaitingProblem, OnHoldReason.AwaitingVendor)
        from code in Gen.Choose(1, 9).Select(c => (IncidentResolutionCode)c)
        from impact in Gen.Choose(1, 3).Select(i => (Impact)i)
        from urgency in Gen.Choose(1, 3).Select(u => (Urgency)u)
        from clears in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new IncidentCommandStep(command, after, actor, text, reason, code, impact, urgency) { Clears = clears };

    /// <summary>A sequence of 0-30 incident commands.</summary>
    public static Gen<IncidentCommandStep[]> IncidentCommandSequences =>
        Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(IncidentCommandSteps, n));

    /// <summary>
    /// An incident history: opened in one of two tenants at an instant between 2011 and 2030 with any
    /// impact and urgency, any work-start policy, a reopen policy (caller, caller or assignee, or anyone;
    /// no window or a few hours; closed incidents reopenable or not), and an
    /// <see cref="IncidentCommandSequences"/>.
    /// </summary>
    public static Gen<IncidentScenario> IncidentScenarios =>
        from tenant in Gen.Elements("tenant-a", "tenant-b").Select(t => new TenantId(t))
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
        from impact in Gen.Choose(1, 3).Select(i => (Impact)i)
        from urgency in Gen.Choose(1, 3).Select(u => (Urgency)u)
        from service in Gen.Elements<string?>(null, "Email", "Web")
        from openedAt in Instants
        from reopenHours in Gen.Elements<int?>(null, 4, 48)
        from workStart in Gen.Elements(IncidentWorkStart.OnAssignment, IncidentWorkStart.OnAgentAssignment, IncidentWorkStart.Explicit)
        from reopeners in Gen.Elements(IncidentReopeners.Caller, IncidentReopeners.Caller | IncidentReopeners.Assignee, IncidentReopeners.Anyone)
        from fromClosed in Gen.Elements(false, true)
        from steps in IncidentCommandSequences
        select new IncidentScenario(
            tenant,
            new IncidentId(NonEmptyGuid(bytes)),
            Agents[0],
            Caller.Id,
            impact,
            urgency,
            service,
            openedAt,
            new IncidentOptions
            {
                WorkStart = workStart,
                Reopen = new IncidentReopenPolicy
                {
                    Reopeners = reopeners,
                    Window = reopenHours is { } h ? IncidentReopenWindow.WallClock(Duration.FromHours(h)) : IncidentReopenWindow.None,
                    FromClosed = fromClosed,
                },
            },
            steps);

    /// <summary>An incident after a random <see cref="IncidentScenarios"/>: its version is 1 plus the number of accepted commands.</summary>
    public static Gen<Incident> Incidents => IncidentScenarios.Select(s => s.Run().Incident);

    private static readonly Actor[] Agents = [new("agent-1", "itil"), new("agent-2", "itil", "major_incident_manager"), new("monitoring", "system")];

    private static readonly Actor Caller = new("caller-1");

    private static Guid NonEmptyGuid(byte[] bytes)
    {
        bytes[0] |= 1;
        return new Guid(bytes);
    }

    // ---- Calendars ----------------------------------------------------------------------------

    private static Gen<int> Boundary =>
        Gen.Frequency((2, Gen.Choose(0, 96)), (1, Gen.Choose(0, 20))).Select(q => q * 15);

    private static Gen<TimeOfDayRange[]> DayGen =>
        from count in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3)))
        from points in Gen.ArrayOf(Boundary, 2 * count)
        from fromMidnight in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from toMidnight in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select MakeRanges(points, fromMidnight, toMidnight);

    private static TimeOfDayRange[] MakeRanges(int[] points, bool fromMidnight, bool toMidnight)
    {
        var sorted = points.Order().ToArray();
        if (sorted.Length > 0 && fromMidnight)
        {
            sorted[0] = 0;
        }

        if (sorted.Length > 0 && toMidnight)
        {
            sorted[^1] = 1440;
        }

        var ranges = new List<TimeOfDayRange>();
        for (int i = 0; i + 1 < sorted.Length; i += 2)
        {
            if (sorted[i] < sorted[i + 1])
            {
                ranges.Add(Range(sorted[i], sorted[i + 1]));
            }
        }

        return ranges.ToArray();
    }

    private static TimeOfDayRange Range(int fromMinute, int toMinute)
    {
        var start = LocalTime.FromMinutesSinceMidnight(fromMinute);
        return toMinute == 1440 ? TimeOfDayRange.UntilEndOfDay(start) : new TimeOfDayRange(start, LocalTime.FromMinutesSinceMidnight(toMinute));
    }

    private static Gen<Instant> AnchorNear(string zoneId)
    {
        var uniform = Instants;
        var transitions = DateTimeZoneProviders.Tzdb[zoneId]
            .GetZoneIntervals(WindowStart, WindowEnd)
            .Where(zi => zi.HasStart && zi.Start > WindowStart)
            .Select(zi => zi.Start)
            .ToArray();
        return transitions.Length == 0
            ? uniform
            : Gen.Frequency(
                (1, uniform),
                (3, from t in Gen.Elements(transitions) from m in Gen.Choose(-4320, 4320) select t + Duration.FromMinutes(m)));
    }

    private static Gen<LocalDate[]> HolidaysNear(LocalDate anchorDate) =>
        from count in Gen.Choose(0, 6)
        from offsets in Gen.ArrayOf(Gen.Choose(-12, 12), count)
        from farCount in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 40)))
        from farOffsets in Gen.ArrayOf(Gen.Choose(-420, 420), farCount)
        from repeat in Gen.Elements(false, true)
        let dates = offsets.Concat(farOffsets).Select(o => anchorDate.PlusDays(o)).ToArray()
        select repeat && dates.Length > 0 ? [.. dates, dates[0]] : dates;

    private static Gen<(LocalDate Date, TimeOfDayRange Hours)[]> ClosuresNear(LocalDate anchorDate)
    {
        var closure =
            from offset in Gen.Frequency((4, Gen.Choose(-12, 12)), (4, Gen.Choose(-2, 2)), (1, Gen.Choose(-420, 420)))
            from start in Gen.Frequency((2, Gen.Choose(0, 95)), (1, Gen.Choose(0, 16)))
            from length in Gen.Choose(1, 96 - start)
            select (anchorDate.PlusDays(offset), Range(start * 15, (start + length) * 15));
        return from count in Gen.Frequency((3, Gen.Choose(0, 6)), (1, Gen.Choose(0, 30)))
               from closures in Gen.ArrayOf(closure, count)
               select closures;
    }

    private static BusinessCalendar BuildCalendar(DateTimeZone zone, TimeOfDayRange[][] week, LocalDate[] holidays, (LocalDate Date, TimeOfDayRange Hours)[] closures)
    {
        var builder = BusinessCalendar.CreateBuilder(zone);
        for (int d = 0; d < 7; d++)
        {
            foreach (var range in week[d])
            {
                builder.AddWorkingHours((IsoDayOfWeek)(d + 1), range);
            }
        }

        builder.AddHolidays(holidays);
        foreach (var (date, hours) in closures)
        {
            builder.AddClosure(date, hours);
        }

        return builder.Build();
    }

    // ---- Agreements ---------------------------------------------------------------------------

    private static Gen<int> TargetMinutes =>
        Gen.Frequency((3, Gen.Choose(1, 120)), (3, Gen.Choose(1, 600)), (2, Gen.Choose(1, 2400)));

    private static Gen<double[]> Thresholds =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(2)), (3, Gen.Choose(1, 5)))
        from values in Gen.ArrayOf(
            Gen.Frequency(
                (3, Gen.Elements(25.0, 50.0, 75.0, 90.0, 100.0, 120.0, 150.0)),
                (2, Gen.Choose(1, 200).Select(p => (double)p)),
                (1, Gen.Choose(1, 2000).Select(t => t / 10.0))),
            count)
        select values;

    private static Gen<string[]> SubsetOf(string[] values) =>
        from mask in Gen.Choose(1, (1 << values.Length) - 1)
        select values.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static Gen<SlaCondition> Leaf =>
        Gen.Frequency(
            (1, Gen.Constant(SlaCondition.Always)),
            (1, Gen.Constant(SlaCondition.Never)),
            (6, SubsetOf(States).Select(s => SlaCondition.StateIn(s))),
            (2, SubsetOf(PriorityValues).Select(p => SlaCondition.PriorityIn(p.Select(v => new Priority(int.Parse(v, CultureInfo.InvariantCulture))).ToArray()))),
            (2, SubsetOf(["AwaitingCaller", "AwaitingVendor"]).Select(r => SlaCondition.OnHoldReasonIn(r))),
            (1, SubsetOf(["ServiceDesk", "Network"]).Select(g => SlaCondition.FieldIn("assignmentGroup", g))),
            (1, SubsetOf(["Contoso", "Fabrikam"]).Select(g => SlaCondition.FieldIn("supplier", g))));

    private static Gen<SlaCondition> Condition(int depth) =>
        depth <= 0
            ? Leaf
            : Gen.Frequency(
                (6, Leaf),
                (1, from n in Gen.Choose(0, 3) from parts in Gen.ArrayOf(Condition(depth - 1), n) select SlaCondition.All(parts)),
                (1, from n in Gen.Choose(0, 3) from parts in Gen.ArrayOf(Condition(depth - 1), n) select SlaCondition.Any(parts)),
                (1, Condition(depth - 1).Select(SlaCondition.Not)));

    private static Gen<SlaConditions> Conditions =>
        from start in Gen.Frequency((3, SubsetOf(["New", "InProgress", "OnHold"]).Select(s => SlaCondition.StateIn(s))), (2, Condition(2)))
        from stop in Gen.Frequency((3, SubsetOf(["Resolved", "Closed"]).Select(s => SlaCondition.StateIn(s))), (2, Condition(2)))
        from pause in Gen.Frequency((3, Gen.Constant(SlaCondition.StateIn("OnHold"))), (2, Condition(2)))
        from resume in Gen.Frequency((3, Gen.Constant<SlaCondition?>(null)), (1, Condition(1).Select(c => (SlaCondition?)c)))
        from cancel in Gen.Frequency((3, Gen.Constant(SlaCondition.StateIn("Canceled"))), (1, Condition(2)))
        from reset in Gen.Frequency((3, Gen.Constant(SlaCondition.Never)), (1, Condition(1)))
        select new SlaConditions { Start = start, Stop = stop, Pause = pause, Resume = resume, Cancel = cancel, Reset = reset };

    // The library's retroactive restart is the Itsm profile's own (Agreement refuses it elsewhere).
    private static Gen<PriorityChangePolicy> PriorityChangePolicies(SlaProfile profile) =>
        profile == SlaProfile.Itsm
            ? Gen.Elements(PriorityChangePolicy.Retarget, PriorityChangePolicy.CancelAndRestartRetroactive, PriorityChangePolicy.CancelAndAttach)
            : Gen.Elements(PriorityChangePolicy.Retarget, PriorityChangePolicy.CancelAndAttach);

    // Jira has no retroactive start, and the retroactive restart already goes back to the opening.
    private static Gen<SlaRetroactiveStart> RetroactiveStarts(SlaProfile profile, PriorityChangePolicy policy) =>
        profile == SlaProfile.JiraServiceManagement || policy == PriorityChangePolicy.CancelAndRestartRetroactive
            ? Gen.Constant(SlaRetroactiveStart.None)
            : Gen.Frequency((2, Gen.Constant(SlaRetroactiveStart.None)), (1, Gen.Elements(SlaRetroactiveStart.Opened, SlaRetroactiveStart.Created)));

    private static Gen<AgreementScope> Scope =>
        Gen.Frequency(
            (3, Gen.Constant(AgreementScope.Everything)),
            (1, SubsetOf(["ServiceDesk", "Network"]).Select(g => new AgreementScope { AssignmentGroups = g })),
            (1, SubsetOf(["Contoso", "Fabrikam"]).Select(s => new AgreementScope { Suppliers = s })),
            (1, SubsetOf(["Email", "Web"]).Select(s => new AgreementScope { Services = s })));
}
