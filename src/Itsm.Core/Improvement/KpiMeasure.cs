namespace Itsm.Improvement;

/// <summary>
/// One KPI's value as a numerator over a denominator, so that a reader sees what it rests on.
/// Rates: successes over cases; means: the sum (hours) over the cases; counts: the count over 1.
/// </summary>
/// <param name="Numerator">The sum or count above the line.</param>
/// <param name="Denominator">The number of cases below the line; 0 when there was nothing to measure.</param>
/// <remarks><c>default</c> is 0 over 0: no value.</remarks>
public readonly record struct KpiMeasure(double Numerator, long Denominator)
{
    /// <summary><see cref="Numerator"/> / <see cref="Denominator"/>, or <see langword="null"/> when <see cref="Denominator"/> is 0 (nothing to measure).</summary>
    public double? Value => Denominator == 0 ? null : Numerator / Denominator;
}
