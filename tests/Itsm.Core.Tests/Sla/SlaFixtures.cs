using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.BusinessTime.Tests;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The calendar, instants, snapshots and agreements the SLA facts share: a Monday-Friday
/// 09:00-17:00 calendar in Europe/London, and the week of Friday 2026-11-27 (GMT, so local time
/// is UTC) to Tuesday 2026-12-01.
/// </summary>
internal static class SlaFixtures
{
    public static readonly Priority P1 = Priority.Critical;
    public static readonly Priority P2 = Priority.High;
    public static readonly Priority P3 = Priority.Moderate;
    public static readonly Priority P4 = Priority.Low;
    public static readonly Priority P5 = Priority.Planning;

    /// <summary>Monday to Friday, 09:00-17:00, Europe/London.</summary>
    public static BusinessCalendar UkOffice { get; } = TestCalendars.NineToFive(TestCalendars.London).Build();

    public static Duration Hours(double hours) => Duration.FromMinutes((long)(hours * 60));

    public static Duration Minutes(long minutes) => Duration.FromMinutes(minutes);

    public static Duration OneNanosecond { get; } = Duration.FromNanoseconds(1);

    /// <summary>Friday 2026-11-27 at the given London time.</summary>
    public static Instant Fri(int hour, int minute = 0) => TestCalendars.London.Local(2026, 11, 27, hour, minute);

    /// <summary>Saturday 2026-11-28 at the given London time.</summary>
    public static Instant Sat(int hour, int minute = 0) => TestCalendars.London.Local(2026, 11, 28, hour, minute);

    /// <summary>Monday 2026-11-30 at the given London time.</summary>
    public static Instant Mon(int hour, int minute = 0) => TestCalendars.London.Local(2026, 11, 30, hour, minute);

    /// <summary>Tuesday 2026-12-01 at the given London time.</summary>
    public static Instant Tue(int hour, int minute = 0) => TestCalendars.London.Local(2026, 12, 1, hour, minute);

    /// <summary>A ticket snapshot in <paramref name="state"/> at <paramref name="priority"/>.</summary>
    public static TicketSnapshot Ticket(string state, Priority? priority = null, string? onHoldReason = null, string? group = null, string? service = null, string? supplier = null) => new()
    {
        State = state,
        Priority = priority ?? P1,
        OnHoldReason = onHoldReason,
        AssignmentGroup = group,
        Service = service,
        Supplier = supplier,
    };

    public static TicketSnapshot WithAttribute(this TicketSnapshot snapshot, string name, string value)
    {
        var attributes = snapshot.Attributes.ToDictionary(p => p.Key, p => p.Value);
        attributes[name] = value;
        return snapshot with { Attributes = attributes };
    }

    public static TicketChange At(this TicketSnapshot snapshot, Instant at) => new(at, snapshot);

    /// <summary>Resolution targets: P1 4h, P2 8h, P3 16h, P4 40h (none for P5).</summary>
    public static IReadOnlyDictionary<Priority, Duration> ResolutionDurations { get; } = new Dictionary<Priority, Duration>
    {
        [Priority.Critical] = Duration.FromHours(4),
        [Priority.High] = Duration.FromHours(8),
        [Priority.Moderate] = Duration.FromHours(16),
        [Priority.Low] = Duration.FromHours(40),
    };

    /// <summary>
    /// The usual incident conditions: start in New, InProgress or OnHold; pause while OnHold; stop
    /// when Resolved or Closed; cancel when Canceled.
    /// </summary>
    public static SlaConditions IncidentConditions { get; } = new()
    {
        Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
        Pause = SlaCondition.StateIn("OnHold"),
        Stop = SlaCondition.StateIn("Resolved", "Closed"),
        Cancel = SlaCondition.StateIn("Canceled"),
    };

    /// <summary>A resolution target on the UK office calendar with <see cref="ResolutionDurations"/> and <see cref="IncidentConditions"/>.</summary>
    public static SlaTarget ResolutionTarget(
        PriorityChangePolicy policy = PriorityChangePolicy.Retarget,
        bool retroactivePauses = false,
        SlaConditions? conditions = null,
        IReadOnlyList<double>? thresholds = null) => new()
    {
        Metric = SlaMetric.Resolution,
        Durations = ResolutionDurations,
        CalendarId = "uk-office",
        Conditions = conditions ?? IncidentConditions,
        PriorityChangePolicy = policy,
        RetroactivePauses = retroactivePauses,
        WarningThresholds = thresholds ?? [50.0, 75.0],
    };

    /// <summary>A single-target agreement covering every ticket.</summary>
    public static Agreement AgreementOf(SlaTarget target, string id = "SLA-1", AgreementKind kind = AgreementKind.ServiceLevelAgreement, AgreementScope? scope = null) =>
        new(id, id, kind, scope ?? AgreementScope.Everything, [target]);

    /// <summary>A target (default thresholds 50% and 75%) for evaluating timelines directly.</summary>
    public static SlaTarget Definition(params double[] thresholds) => new()
    {
        Metric = SlaMetric.Resolution,
        Durations = ResolutionDurations,
        Conditions = IncidentConditions,
        WarningThresholds = thresholds.Length == 0 ? [50.0, 75.0] : thresholds,
    };

    /// <summary>A target with no warning thresholds: the breach is the only threshold.</summary>
    public static SlaTarget DefinitionWithoutWarnings { get; } = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = ResolutionDurations,
        Conditions = IncidentConditions,
        WarningThresholds = [],
    };

    public static SlaTimeline Timeline(params SlaEvent[] events) => SlaTimeline.Create(events);

    public static SlaStatus Evaluate(this SlaTimeline timeline, Instant now, SlaTarget? definition = null) =>
        SlaClock.Evaluate(definition ?? Definition(), UkOffice, timeline, now);

    public static SlaStatus Evaluate(this TrackedClock clock, Instant now) => clock.Evaluate(UkOffice, now);
}
