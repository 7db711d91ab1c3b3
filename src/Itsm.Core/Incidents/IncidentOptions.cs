using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>Settings of the incident lifecycle; shared by every incident of a host (or tenant).</summary>
public sealed record IncidentOptions
{
    /// <summary>The default options: ServiceNow's priority matrix and a 7-day reopen window.</summary>
    public static IncidentOptions Default { get; } = new();

    /// <summary>Derives the priority from impact and urgency (default: <see cref="PriorityMatrix.Default"/>).</summary>
    public PriorityMatrix PriorityMatrix { get; init; } = PriorityMatrix.Default;

    /// <summary>How long after resolution the caller may reopen an incident (wall-clock; default 7 days).</summary>
    public Duration ReopenWindow { get; init; } = Duration.FromDays(7);
}
