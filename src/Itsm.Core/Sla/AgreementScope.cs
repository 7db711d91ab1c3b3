using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Sla;

/// <summary>
/// Which tickets an <see cref="Agreement"/> applies to: by service, offering, configuration item,
/// assignment group, supplier and priority. An empty list places no restriction; every non-empty list
/// must match (for configuration items: at least one of the ticket's items is listed).
/// </summary>
public sealed record AgreementScope
{
    /// <summary>A scope that covers every ticket.</summary>
    public static AgreementScope Everything { get; } = new();

    /// <summary>The services covered (empty: any).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>The service offerings covered (empty: any).</summary>
    public IReadOnlyList<string> Offerings { get; init; } = [];

    /// <summary>The assignment groups covered (empty: any). An OLA usually names its support group here.</summary>
    public IReadOnlyList<string> AssignmentGroups { get; init; } = [];

    /// <summary>
    /// The suppliers covered (empty: any). An underpinning contract that names its <see cref="Agreement.Supplier"/>
    /// applies only to that supplier's tickets whatever this list holds; the list may then name that supplier,
    /// and no other (<see cref="Agreement.Covers"/>).
    /// </summary>
    public IReadOnlyList<string> Suppliers { get; init; } = [];

    /// <summary>
    /// The configuration items covered (empty: any): a ticket is covered when at least one of its
    /// <see cref="TicketSnapshot.ConfigurationItems"/> is listed, so a contract for the servers a supplier
    /// maintains applies to the tickets on those servers.
    /// </summary>
    public IReadOnlyList<string> ConfigurationItems { get; init; } = [];

    /// <summary>The priorities covered (empty: any).</summary>
    public IReadOnlyList<Priority> Priorities { get; init; } = [];

    /// <summary>Whether the scope covers the ticket as it is in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The ticket snapshot.</param>
    /// <returns><see langword="true"/> when every restriction matches.</returns>
    public bool Covers(TicketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Matches(Services, snapshot.Service)
            && Matches(Offerings, snapshot.Offering)
            && Matches(AssignmentGroups, snapshot.AssignmentGroup)
            && Matches(Suppliers, snapshot.Supplier)
            && MatchesAny(ConfigurationItems, snapshot.ConfigurationItems)
            && (Priorities.Count == 0 || Contains(Priorities, snapshot.Priority));
    }

    private static bool Matches(IReadOnlyList<string> allowed, string? value)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesAny(IReadOnlyList<string> allowed, IReadOnlyList<string> values)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (Matches(allowed, values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<Priority> priorities, Priority priority)
    {
        foreach (var candidate in priorities)
        {
            if (candidate == priority)
            {
                return true;
            }
        }

        return false;
    }
}
