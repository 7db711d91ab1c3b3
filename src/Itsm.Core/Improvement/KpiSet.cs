using System;
using System.Collections.Generic;

namespace Itsm.Improvement;

/// <summary>
/// The value of every KPI for one slice of a period: the whole tenant, or one service, assignment
/// group or priority (see <see cref="KpiReport"/>).
/// </summary>
public sealed class KpiSet
{
    private readonly double[] _numerators = new double[KpiDefinitions.Count];
    private readonly long[] _denominators = new long[KpiDefinitions.Count];
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
    }
}
