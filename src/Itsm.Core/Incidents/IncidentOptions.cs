using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>Settings of the incident lifecycle; shared by every incident of a host (or tenant).</summary>
public sealed record IncidentOptions
{
    /// <summary>The default options: ServiceNow's priority matrix, a 7-day reopen window, no auto-close.</summary>
    public static IncidentOptions Default { get; } = new();

    /// <summary>Derives the priority from impact and urgency (default: <see cref="PriorityMatrix.Default"/>).</summary>
    public PriorityMatrix PriorityMatrix { get; init; } = PriorityMatrix.Default;

    /// <summary>How long after resolution the caller may reopen an incident (wall-clock; default 7 days).</summary>
    public Duration ReopenWindow { get; init; } = Duration.FromDays(7);

    /// <summary>
    /// Closes resolved incidents after a number of business days (ServiceNow's
    /// <c>glide.ui.autoclose.time</c>, counted in business days here); <see langword="null"/> (the
    /// default) for none. The engine folds each resolved incident's auto-close instant into its due
    /// instant (<c>RecordIndex.SlaDueAt</c>), and the SLA worker of Itsm.Hosting closes it then, as its
    /// system actor. Major incidents are never closed automatically.
    /// </summary>
    public IncidentAutoClosePolicy? AutoClose { get; init; }

    /// <summary>
    /// The id of the business calendar <see cref="AutoClose"/> counts business days on (one of the
    /// engine's calendars), or <see langword="null"/> (the default) for 24x7, where every day is a business day.
    /// </summary>
    public string? AutoCloseCalendarId { get; init; }

    /// <summary>When <see cref="AutoClose"/> closes <paramref name="incident"/>, or null (no policy, not resolved, major).</summary>
    internal Instant? AutoCloseDueAt(Incident incident, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        if (AutoClose is null || incident.State != IncidentState.Resolved || incident.IsMajor)
        {
            return null;
        }

        var calendar = AutoCloseCalendarId is null ? BusinessCalendar.TwentyFourSeven
            : calendars.TryGetValue(AutoCloseCalendarId, out var found) ? found
            : throw new KeyNotFoundException($"The auto-close calendar '{AutoCloseCalendarId}' is not among the engine's calendars.");
        return AutoClose.DueAt(incident, calendar);
    }
}
