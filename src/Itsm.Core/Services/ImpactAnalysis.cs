using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Changes;

namespace Itsm.Services;

/// <summary>
/// What an outage of one or more configuration items affects: every configuration item the outage
/// reaches along relationships whose <see cref="ImpactFlow"/> carries it, directly or transitively (and
/// the failed items themselves), every service that depends on any of those, and every offering of
/// those services.
/// </summary>
public sealed class ImpactAnalysis
{
    internal ImpactAnalysis(string[] failed, string[] items, string[] services, string[] offerings)
    {
        FailedConfigurationItems = failed;
        FailedConfigurationItem = failed.Length > 0 ? failed[0] : string.Empty;
        AffectedConfigurationItems = items;
        AffectedServices = services;
        AffectedOfferings = offerings;
    }

    /// <summary>The configuration item that is out (the first of <see cref="FailedConfigurationItems"/>; empty when none is).</summary>
    public string FailedConfigurationItem { get; }

    /// <summary>The configuration items that are out, sorted ordinally, without duplicates.</summary>
    public IReadOnlyList<string> FailedConfigurationItems { get; }

    /// <summary>The failed items and every item their outage reaches transitively, sorted ordinally.</summary>
    public IReadOnlyList<string> AffectedConfigurationItems { get; }

    /// <summary>The services that depend on an affected item, sorted ordinally.</summary>
    public IReadOnlyList<string> AffectedServices { get; }

    /// <summary>The offerings of the affected services, sorted ordinally.</summary>
    public IReadOnlyList<string> AffectedOfferings { get; }

    /// <summary>
    /// The scheduled changes in <paramref name="calendar"/> that touch an affected configuration item,
    /// an affected service or an affected offering (the ids in <see cref="ScheduledChange.Services"/>
    /// are compared with both service and offering ids).
    /// </summary>
    /// <param name="calendar">The change calendar.</param>
    /// <returns>The changes, ordered by window start, then by id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public IReadOnlyList<ScheduledChange> ChangesTouching(ChangeCalendar calendar)
    {
        Guard.Against.Null(calendar);
        var items = new HashSet<string>(AffectedConfigurationItems, StringComparer.Ordinal);
        var services = new HashSet<string>(AffectedServices.Concat(AffectedOfferings), StringComparer.Ordinal);
        return calendar.Changes
            .Where(c => c.ConfigurationItems.Any(items.Contains) || c.Services.Any(services.Contains))
            .OrderBy(c => c.Window.Start)
            .ThenBy(c => c.Id.Value)
            .ToArray();
    }
}
