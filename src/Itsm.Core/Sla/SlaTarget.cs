using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// One target of an <see cref="Agreement"/> (what ServiceNow calls an SLA definition): a metric, a
/// business-time target per priority, the calendar it counts on, warning thresholds, the six
/// conditions and what a priority change does.
/// </summary>
/// <remarks>Targets are validated when an <see cref="Agreement"/> is created.</remarks>
public sealed record SlaTarget
{
    private readonly IReadOnlyList<double> _warningThresholds = [50.0, 75.0];
    private readonly double[] _sortedThresholds = [50.0, 75.0];
    private readonly double[] _crossingPercents = [50.0, 75.0, 100.0];

    /// <summary>What the target measures.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>The business-time target for each priority; a priority without one gets no clock.</summary>
    public required IReadOnlyDictionary<Priority, Duration> Durations { get; init; }

    /// <summary>The id of the <c>BusinessCalendar</c> business time counts on, or <see langword="null"/> for 24x7.</summary>
    public string? CalendarId { get; init; }

    /// <summary>
    /// Warning thresholds in percent of the target (default 50 and 75, as ServiceNow ships). The
    /// breach (100%) is always a threshold; values above 100 mark escalations after the breach.
    /// </summary>
    public IReadOnlyList<double> WarningThresholds
    {
        get => _warningThresholds;
        init
        {
            _warningThresholds = value;
            _sortedThresholds = value is null ? [] : value.Distinct().Order().ToArray();
            _crossingPercents = SlaThresholdCrossings.Percents(_sortedThresholds);
        }
    }

    /// <summary>The start, pause, resume, stop, cancel and reset conditions.</summary>
    public required SlaConditions Conditions { get; init; }

    /// <summary>What an active clock does when the ticket's priority changes (default <see cref="PriorityChangePolicy.Retarget"/>).</summary>
    public PriorityChangePolicy PriorityChangePolicy { get; init; }

    /// <summary>
    /// Whether a clock that starts in the past keeps the pauses of that past (<see langword="true"/>)
    /// or counts them as running time (<see langword="false"/>, the default, as ServiceNow's
    /// "Retroactive pause" unset). For <see cref="PriorityChangePolicy.CancelAndRestartRetroactive"/>
    /// the pauses are the cancelled clock's; for <see cref="RetroactiveStart"/> they are wherever the
    /// target's pause condition put a clock on the snapshots since the retroactive start, as
    /// ServiceNow replays them with the new definition's pause condition.
    /// </summary>
    public bool RetroactivePauses { get; init; }

    /// <summary>Whose rules the target follows where products disagree (default <see cref="SlaProfile.Itsm"/>; see <see cref="SlaProfile"/>).</summary>
    public SlaProfile Profile { get; init; }

    /// <summary>
    /// When an active clock is cancelled, or <see langword="null"/> (the default) for the profile's
    /// rule: <see cref="SlaCancelRule.StartConditionNotMet"/> under <see cref="SlaProfile.ServiceNow"/>,
    /// <see cref="SlaCancelRule.CancelConditionMet"/> otherwise.
    /// </summary>
    public SlaCancelRule? CancelWhen { get; init; }

    /// <summary>Where a new clock starts: at the update that attaches it (the default) or back at the ticket's opening or creation.</summary>
    public SlaRetroactiveStart RetroactiveStart { get; init; }

    /// <summary>The cancel rule in force: <see cref="CancelWhen"/>, or the profile's.</summary>
    internal SlaCancelRule EffectiveCancelRule =>
        CancelWhen ?? (Profile == SlaProfile.ServiceNow ? SlaCancelRule.StartConditionNotMet : SlaCancelRule.CancelConditionMet);

    /// <summary>Whether retroactive starts replay the pause condition over the snapshots since the retroactive start.</summary>
    internal bool TracksRetroactivePauses => RetroactiveStart != SlaRetroactiveStart.None && RetroactivePauses;

    internal IReadOnlyList<double> SortedThresholds => _sortedThresholds;

    /// <summary>The percents a clock of this target crosses, ascending: the valid warning thresholds and 100.</summary>
    internal double[] CrossingPercents => _crossingPercents;

    /// <summary>The target for <paramref name="priority"/>, or <see langword="null"/> when it has none.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The business-time target, or <see langword="null"/>.</returns>
    public Duration? DurationFor(Priority priority) => Durations.TryGetValue(priority, out var d) ? d : null;
}
