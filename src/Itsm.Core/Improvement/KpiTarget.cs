using System;

namespace Itsm.Improvement;

/// <summary>
/// A target for one KPI and the band below (or above) it in which the KPI is at risk rather than
/// missed. The direction comes from <see cref="KpiDefinitions.DirectionOf"/>.
/// </summary>
/// <remarks>
/// The rule (<see cref="Evaluate(double?)"/>): for a higher-is-better KPI, <c>value &gt;= target</c> is
/// <see cref="KpiStatus.Met"/>, <c>value &gt;= target - band</c> is <see cref="KpiStatus.AtRisk"/>,
/// anything lower is <see cref="KpiStatus.Missed"/>; for a lower-is-better KPI, <c>value &lt;= target</c>
/// is met, <c>value &lt;= target + band</c> is at risk, anything higher is missed. Both bounds are
/// inclusive. A KPI without a value (an empty denominator) has no status.
/// </remarks>
public sealed record KpiTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="kpi">The KPI.</param>
    /// <param name="target">The target value, in the KPI's unit (a share in [0, 1] for rates, hours for times).</param>
    /// <param name="atRiskBand">How far past the target the KPI is still at risk rather than missed; 0 or more.</param>
    /// <exception cref="ArgumentException"><paramref name="kpi"/> is not defined, <paramref name="target"/> is not finite,
    /// or <paramref name="atRiskBand"/> is negative or not finite.</exception>
    public KpiTarget(KpiId kpi, double target, double atRiskBand = 0)
    {
        if (!Enum.IsDefined(kpi))
        {
            throw new ArgumentException($"KPI {(int)kpi} is not defined.", nameof(kpi));
        }

        if (!double.IsFinite(target))
        {
            throw new ArgumentException("The target must be a finite number.", nameof(target));
        }

        if (!double.IsFinite(atRiskBand) || atRiskBand < 0)
        {
            throw new ArgumentException("The at-risk band must be a finite number, 0 or more.", nameof(atRiskBand));
        }

        Kpi = kpi;
        Target = target;
        AtRiskBand = atRiskBand;
    }

    /// <summary>The KPI.</summary>
    public KpiId Kpi { get; }

    /// <summary>The target value.</summary>
    public double Target { get; }

    /// <summary>How far past the target the KPI is at risk rather than missed.</summary>
    public double AtRiskBand { get; }

    /// <summary>The KPI's direction (<see cref="KpiDefinitions.DirectionOf"/>).</summary>
    public KpiDirection Direction => KpiDefinitions.DirectionOf(Kpi);

    /// <summary>The status of <paramref name="value"/> against this target (see the remarks of <see cref="KpiTarget"/>).</summary>
    /// <param name="value">The KPI's value, or <see langword="null"/> when it has none.</param>
    /// <returns>The status, or <see langword="null"/> when <paramref name="value"/> is null or NaN.</returns>
    public KpiStatus? Evaluate(double? value)
    {
        if (value is not double v || double.IsNaN(v))
        {
            return null;
        }

        // Distance past the target in the bad direction: 0 or less is met.
        var shortfall = Direction == KpiDirection.HigherIsBetter ? Target - v : v - Target;
        return shortfall <= 0 ? KpiStatus.Met : shortfall <= AtRiskBand ? KpiStatus.AtRisk : KpiStatus.Missed;
    }

    /// <summary>The status of this target's KPI in <paramref name="set"/>.</summary>
    /// <param name="set">The KPI values.</param>
    /// <returns>The status, or <see langword="null"/> when the KPI has no value in <paramref name="set"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="set"/> is null.</exception>
    public KpiStatus? Evaluate(KpiSet set)
    {
        if (set is null)
        {
            throw new ArgumentException("The KPI set is null.", nameof(set));
        }

        return Evaluate(set[Kpi].Value);
    }
}
