using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>A change freeze: during <see cref="Window"/> only emergency changes may be scheduled on the services it covers.</summary>
public sealed record BlackoutWindow
{
    /// <summary>Creates a blackout window.</summary>
    /// <param name="name">A name, for example <c>"Year-end freeze"</c>.</param>
    /// <param name="window">When it applies, <c>[Start, End)</c>.</param>
    /// <param name="services">The services it covers; empty for all services.</param>
    /// <exception cref="ArgumentException">The name is blank, the window unbounded or empty, or a service name blank.</exception>
    public BlackoutWindow(string name, Interval window, IEnumerable<string> services)
    {
        Name = FieldCheck.Required(name, FieldLimits.Id);
        if (!window.HasStart || !window.HasEnd || window.Duration <= Duration.Zero)
        {
            throw new ArgumentException("The window must have a start and an end, and the end must be after the start.", nameof(window));
        }

        Guard.Against.Null(services);
        var list = services.ToArray();
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A service name is null or blank.", nameof(services));
        }

        Window = window;
        Services = list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The blackout's name.</summary>
    public string Name { get; }

    /// <summary>When it applies.</summary>
    public Interval Window { get; }

    /// <summary>The services it covers; empty for all services.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Whether it covers <paramref name="change"/>'s services (every change, when it lists none).</summary>
    /// <param name="change">A change.</param>
    /// <returns><see langword="true"/> when covered.</returns>
    public bool Covers(ScheduledChange change)
    {
        Guard.Against.Null(change);
        return Services.Count == 0 || change.Services.Any(s => Services.Contains(s, StringComparer.Ordinal));
    }
}
