using System;
using System.Globalization;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>
/// The priority of a record, from 1 (Critical) to 5 (Planning), as ServiceNow numbers them:
/// 1 Critical, 2 High, 3 Moderate, 4 Low, 5 Planning. A lower number is more urgent.
/// </summary>
/// <remarks><c>default(Priority)</c> is not a valid priority (its <see cref="Value"/> is 0); create
/// priorities with the constructor or the static properties.</remarks>
public readonly record struct Priority : IComparable<Priority>
{
    /// <summary>Creates a priority.</summary>
    /// <param name="value">1 (Critical) to 5 (Planning).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not 1 to 5.</exception>
    public Priority(int value)
    {
        Value = Guard.Against.OutOfRange(value, nameof(value), 1, 5);
    }

    /// <summary>Priority 1, Critical.</summary>
    public static Priority Critical { get; } = new(1);

    /// <summary>Priority 2, High.</summary>
    public static Priority High { get; } = new(2);

    /// <summary>Priority 3, Moderate.</summary>
    public static Priority Moderate { get; } = new(3);

    /// <summary>Priority 4, Low.</summary>
    public static Priority Low { get; } = new(4);

    /// <summary>Priority 5, Planning.</summary>
    public static Priority Planning { get; } = new(5);

    /// <summary>The number, 1 (Critical) to 5 (Planning).</summary>
    public int Value { get; }

    /// <summary>The ServiceNow name: Critical, High, Moderate, Low or Planning.</summary>
    public string Name => Value switch
    {
        1 => "Critical",
        2 => "High",
        3 => "Moderate",
        4 => "Low",
        5 => "Planning",
        _ => "None",
    };

    /// <summary>Orders priorities by number: Critical (1) sorts first.</summary>
    /// <param name="other">Another priority.</param>
    /// <returns>The comparison of the numbers.</returns>
    public int CompareTo(Priority other) => Value.CompareTo(other.Value);

    /// <summary>The priority as <c>"1 - Critical"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + " - " + Name;
}
