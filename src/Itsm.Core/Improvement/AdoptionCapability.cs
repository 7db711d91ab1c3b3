using System;
using Ardalis.GuardClauses;

namespace Itsm.Improvement;

/// <summary>
/// One practice's capability level now and as a target, on ITIL's scale of 1 to 5 (1 initial,
/// 2 managed, 3 defined, 4 quantitatively managed, 5 optimizing). Immutable.
/// </summary>
public sealed record AdoptionCapability
{
    /// <summary>The lowest capability level.</summary>
    public const int MinLevel = 1;

    /// <summary>The highest capability level.</summary>
    public const int MaxLevel = 5;

    /// <summary>Creates a practice's assessment.</summary>
    /// <param name="practice">The practice's name (for example <see cref="AdoptionPractices.IncidentManagement"/>).</param>
    /// <param name="current">The level now, 1 to 5.</param>
    /// <param name="target">The level aimed for, 1 to 5, at least <paramref name="current"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="practice"/> is blank; a level is outside 1 to 5 (<see cref="ArgumentOutOfRangeException"/>); <paramref name="target"/> is below <paramref name="current"/>.</exception>
    public AdoptionCapability(string practice, int current, int target)
    {
        Practice = Guard.Against.NullOrWhiteSpace(practice);
        Current = Guard.Against.OutOfRange(current, nameof(current), MinLevel, MaxLevel);
        Target = Guard.Against.OutOfRange(target, nameof(target), MinLevel, MaxLevel);
        if (target < current)
        {
            throw new ArgumentException($"The target level {target} of {practice} is below its current level {current}.", nameof(target));
        }
    }

    /// <summary>The practice's name.</summary>
    public string Practice { get; }

    /// <summary>The capability level now (1 to 5).</summary>
    public int Current { get; }

    /// <summary>The capability level aimed for (1 to 5, at least <see cref="Current"/>).</summary>
    public int Target { get; }

    /// <summary>The gap: how many levels the practice has to rise (0 when it is at its target).</summary>
    public int Gap => Target - Current;

    /// <summary>The practice, its levels and its gap.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Practice}: {Current} -> {Target} (gap {Gap})";
}
