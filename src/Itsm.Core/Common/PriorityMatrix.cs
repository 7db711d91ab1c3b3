using System;
using System.Collections.Generic;
using System.Globalization;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>
/// Derives a priority from impact and urgency. The default is ServiceNow's 3x3 matrix:
/// </summary>
/// <remarks>
/// <code>
///               urgency 1  urgency 2  urgency 3
///   impact 1       1          2          3
///   impact 2       2          3          4
///   impact 3       3          4          4
/// </code>
/// Priority 5 (Planning) is never derived by the default matrix; a custom matrix may use it.
/// </remarks>
public sealed class PriorityMatrix
{
    private readonly Priority[] _cells;

    /// <summary>Creates a matrix from its nine cells.</summary>
    /// <param name="cells">The priority for each (impact, urgency) pair; all nine pairs are required.</param>
    /// <exception cref="ArgumentException">A pair is missing, or a priority is not 1 to 5.</exception>
    public PriorityMatrix(IReadOnlyDictionary<(Impact Impact, Urgency Urgency), Priority> cells)
    {
        Guard.Against.Null(cells);
        _cells = new Priority[9];
        foreach (var impact in new[] { Impact.High, Impact.Medium, Impact.Low })
        {
            foreach (var urgency in new[] { Urgency.High, Urgency.Medium, Urgency.Low })
            {
                if (!cells.TryGetValue((impact, urgency), out var priority))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The matrix has no priority for impact {(int)impact} and urgency {(int)urgency}."), nameof(cells));
                }

                if (priority.Value is < 1 or > 5)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The priority for impact {(int)impact} and urgency {(int)urgency} is not 1 to 5."), nameof(cells));
                }

                _cells[Index(impact, urgency)] = priority;
            }
        }
    }

    /// <summary>ServiceNow's default 3x3 matrix (1/1 gives 1 Critical; 3/3 gives 4 Low).</summary>
    public static PriorityMatrix Default { get; } = new(new Dictionary<(Impact, Urgency), Priority>
    {
        [(Impact.High, Urgency.High)] = Priority.Critical,
        [(Impact.High, Urgency.Medium)] = Priority.High,
        [(Impact.High, Urgency.Low)] = Priority.Moderate,
        [(Impact.Medium, Urgency.High)] = Priority.High,
        [(Impact.Medium, Urgency.Medium)] = Priority.Moderate,
        [(Impact.Medium, Urgency.Low)] = Priority.Low,
        [(Impact.Low, Urgency.High)] = Priority.Moderate,
        [(Impact.Low, Urgency.Medium)] = Priority.Low,
        [(Impact.Low, Urgency.Low)] = Priority.Low,
    });

    /// <summary>The priority for <paramref name="impact"/> and <paramref name="urgency"/>.</summary>
    /// <param name="impact">The impact.</param>
    /// <param name="urgency">The urgency.</param>
    /// <returns>The priority.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a defined value.</exception>
    public Priority PriorityFor(Impact impact, Urgency urgency)
    {
        Guard.Against.OutOfRange((int)impact, nameof(impact), 1, 3);
        Guard.Against.OutOfRange((int)urgency, nameof(urgency), 1, 3);
        return _cells[Index(impact, urgency)];
    }

    private static int Index(Impact impact, Urgency urgency) => (((int)impact - 1) * 3) + ((int)urgency - 1);
}
