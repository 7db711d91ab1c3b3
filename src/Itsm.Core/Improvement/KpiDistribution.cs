using System;

namespace Itsm.Improvement;

/// <summary>
/// The spread of one duration KPI in one slice: how many durations were measured, and their median,
/// 90th and 95th percentiles, in the KPI's unit (hours or business hours). The mean is the KPI itself
/// (<see cref="KpiSet.this[KpiId]"/>); a service owner reads it beside these, because one ticket left
/// open for a month moves the mean and not the median.
/// </summary>
/// <remarks>
/// <para>
/// Percentiles are exact, by linear interpolation between the two closest ranks (Hyndman and Fan's
/// type 7): over the <c>n</c> durations sorted ascending, <c>x[0] &lt;= ... &lt;= x[n-1]</c>, the
/// <c>p</c>-th percentile is <c>x[k] + (h - k) * (x[k+1] - x[k])</c> with <c>h = (n - 1) * p</c> and
/// <c>k = floor(h)</c> (just <c>x[k]</c> when <c>h</c> is a whole number). This is what Excel's
/// <c>MEDIAN</c> and <c>PERCENTILE.INC</c>, PostgreSQL's <c>percentile_cont</c> and NumPy's default
/// compute, so a host can check any figure against a spreadsheet or a SQL query over the same tickets.
/// The median of 1, 2, 3 and 4 hours is 2.5 hours; a single duration is its own median and percentiles.
/// </para>
/// <para><c>default</c> is a slice with nothing measured: <see cref="Count"/> 0 and every percentile null.</para>
/// </remarks>
/// <param name="Count">How many durations were measured; the KPI's denominator.</param>
/// <param name="Median">The 50th percentile, or <see langword="null"/> when <see cref="Count"/> is 0.</param>
/// <param name="P90">The 90th percentile, or <see langword="null"/> when <see cref="Count"/> is 0.</param>
/// <param name="P95">The 95th percentile, or <see langword="null"/> when <see cref="Count"/> is 0.</param>
public readonly record struct KpiDistribution(long Count, double? Median, double? P90, double? P95)
{
    /// <summary>The distribution of <paramref name="durations"/>, which it sorts in place.</summary>
    internal static KpiDistribution Of(Span<double> durations)
    {
        if (durations.IsEmpty)
        {
            return default;
        }

        durations.Sort();
        return new KpiDistribution(durations.Length, Percentile(durations, 0.5), Percentile(durations, 0.9), Percentile(durations, 0.95));
    }

    private static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var k = (int)Math.Floor(h);
        return k + 1 >= sorted.Length ? sorted[k] : sorted[k] + ((h - k) * (sorted[k + 1] - sorted[k]));
    }
}
