using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Itsm.Improvement;

/// <summary>
/// The value of every KPI for one slice of a period: the whole tenant, or one service, assignment
/// group or priority (see <see cref="KpiReport"/>).
/// </summary>
public sealed class KpiSet
{
    private readonly double[] _numerators = new double[KpiDefinitions.Count];
    private readonly long[] _denominators = new long[KpiDefinitions.Count];
    private readonly List<double>?[] _durations = new List<double>?[KpiDefinitions.Count];
    private readonly KpiDistribution[] _distributions = new KpiDistribution[KpiDefinitions.Count];
    private HashSet<string>? _causingChanges;

    internal KpiSet()
    {
    }

    /// <summary>The measure of <paramref name="kpi"/>; 0 over 0 (no value) when nothing in the slice is measured by it.</summary>
    /// <param name="kpi">The KPI.</param>
    /// <returns>The numerator and denominator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kpi"/> is not defined.</exception>
    public KpiMeasure this[KpiId kpi]
    {
        get
        {
            var i = (int)kpi;
            if ((uint)i >= KpiDefinitions.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "The KPI is not defined.");
            }

            return new KpiMeasure(_numerators[i], _denominators[i]);
        }
    }

    /// <summary>
    /// The median, 90th and 95th percentiles of a duration KPI in this slice, beside its mean
    /// (<see cref="this[KpiId]"/>); <c>default</c> (count 0, no percentiles) when nothing was measured.
    /// </summary>
    /// <param name="kpi">A duration KPI (<see cref="KpiDefinitions.IsDuration"/>): the times to acknowledge and to
    /// resolve, in wall-clock or business hours, or the backlog's age.</param>
    /// <returns>The distribution; its <see cref="KpiDistribution.Count"/> is the KPI's denominator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kpi"/> is not defined, or is not a duration.</exception>
    /// <remarks>Percentiles are exact, interpolated as Excel's <c>PERCENTILE.INC</c> (see <see cref="KpiDistribution"/>).</remarks>
    public KpiDistribution Distribution(KpiId kpi)
    {
        if (!KpiDefinitions.IsDuration(kpi))
        {
            throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "The KPI is not a duration, so it has no distribution.");
        }

        return _distributions[(int)kpi];
    }

    /// <summary>Adds one measured duration (hours) to a duration KPI: its mean and its distribution.</summary>
    internal void AddDuration(KpiId kpi, double hours)
    {
        Add(kpi, hours, 1);
        (_durations[(int)kpi] ??= []).Add(hours);
    }

    internal void Add(KpiId kpi, double numerator, long denominator)
    {
        _numerators[(int)kpi] += numerator;
        _denominators[(int)kpi] += denominator;
    }

    internal void Count(KpiId kpi, bool hit)
    {
        _numerators[(int)kpi] += hit ? 1 : 0;
        _denominators[(int)kpi]++;
    }

    internal void AddCausingChange(string change) => (_causingChanges ??= new HashSet<string>(StringComparer.Ordinal)).Add(change);

    /// <summary>Turns the counts added with a zero denominator into counts over 1.</summary>
    internal void Complete()
    {
        _numerators[(int)KpiId.ChangesCausingIncidents] = _causingChanges?.Count ?? 0;
        _denominators[(int)KpiId.Backlog] = 1;
        _denominators[(int)KpiId.IncidentsOpened] = 1;
        _denominators[(int)KpiId.MajorIncidents] = 1;
        _denominators[(int)KpiId.ProblemsWithKnownErrors] = 1;
        _denominators[(int)KpiId.ChangesCausingIncidents] = 1;
        _denominators[(int)KpiId.RequestsSubmitted] = 1;
        _denominators[(int)KpiId.ApprovalLevelsOverdue] = 1;

        // The durations are kept only until the percentiles are taken: memory is O(n) during the
        // computation (exact percentiles need every value), not for the life of the report.
        for (var i = 0; i < _durations.Length; i++)
        {
            if (_durations[i] is { } durations)
            {
                _distributions[i] = KpiDistribution.Of(CollectionsMarshal.AsSpan(durations));
                _durations[i] = null;
            }
        }
    }
}
