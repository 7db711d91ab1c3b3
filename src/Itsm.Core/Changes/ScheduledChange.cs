using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>A change on the change calendar: its planned window and the services and configuration items it touches.</summary>
public sealed record ScheduledChange
{
    /// <summary>Creates a scheduled change.</summary>
    /// <param name="id">The change's id.</param>
    /// <param name="type">The change's type.</param>
    /// <param name="window">The planned window, <c>[Start, End)</c>; it must have a start and an end and not be empty.</param>
    /// <param name="services">The services it touches.</param>
    /// <param name="configurationItems">The configuration items it touches.</param>
    /// <exception cref="ArgumentException">The id is empty, the window is unbounded or empty, a list is null or holds a blank name, or it touches nothing.</exception>
    public ScheduledChange(ChangeId id, ChangeType type, Interval window, IEnumerable<string> services, IEnumerable<string> configurationItems)
    {
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The change id must not be empty.", nameof(id));
        }

        Guard.Against.OutOfRange((int)type, nameof(type), 0, 2);
        if (!window.HasStart || !window.HasEnd || window.Duration <= Duration.Zero)
        {
            throw new ArgumentException("The window must have a start and an end, and the end must be after the start.", nameof(window));
        }

        Services = Itsm.Common.Names.NormalizeRequired(services, nameof(services));
        ConfigurationItems = Itsm.Common.Names.NormalizeRequired(configurationItems, nameof(configurationItems));
        if (Services.Count == 0 && ConfigurationItems.Count == 0)
        {
            throw new ArgumentException("A change must touch at least one service or configuration item.", nameof(services));
        }

        Id = id;
        Type = type;
        Window = window;
    }

    /// <summary>The change's id.</summary>
    public ChangeId Id { get; }

    /// <summary>The change's type.</summary>
    public ChangeType Type { get; }

    /// <summary>The planned window, <c>[Start, End)</c>.</summary>
    public Interval Window { get; }

    /// <summary>The services it touches, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>The configuration items it touches, sorted, without duplicates.</summary>
    public IReadOnlyList<string> ConfigurationItems { get; }

    /// <summary>This change moved to another window.</summary>
    /// <param name="window">The new window.</param>
    /// <returns>A new scheduled change.</returns>
    public ScheduledChange WithWindow(Interval window) => new(Id, Type, window, Services, ConfigurationItems);

}
