using System;
using Ardalis.GuardClauses;

namespace Itsm.Sla;

/// <summary>
/// What an SLA target measures: <see cref="Response"/>, <see cref="Resolution"/>, or any metric a
/// host defines (for example "FirstCallback"). Metrics compare by name, ordinally.
/// </summary>
public readonly record struct SlaMetric
{
    /// <summary>Creates a metric.</summary>
    /// <param name="name">A non-empty name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public SlaMetric(string name)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
    }

    /// <summary>Time to respond (acknowledge) a record.</summary>
    public static SlaMetric Response { get; } = new("Response");

    /// <summary>Time to resolve a record.</summary>
    public static SlaMetric Resolution { get; } = new("Resolution");

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The metric's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name ?? string.Empty;
}
