using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Incidents;

/// <summary>
/// Settings and policies of the incident lifecycle, shared by every incident of a host or of one tenant
/// (<c>ItsmEngineOptions.IncidentsByTenant</c>). They are configuration, never stored with a record: a
/// loaded incident follows the options of the day. docs/lifecycles/incident.md lists every policy beside
/// its ServiceNow and Jira Service Management equivalent.
/// </summary>
public sealed record IncidentOptions
{
    /// <summary>The default options: ServiceNow's priority matrix, any assignment starts work, the caller reopens within 7 days, no auto-close.</summary>
    public static IncidentOptions Default { get; } = new();

    /// <summary>Derives the priority from impact and urgency (default: <see cref="PriorityMatrix.Default"/>).</summary>
    public PriorityMatrix PriorityMatrix { get; init; } = PriorityMatrix.Default;

    /// <summary>Whether assigning a new incident also starts work on it (default <see cref="IncidentWorkStart.OnAssignment"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public IncidentWorkStart WorkStart
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(WorkStart), value, "Not a work-start policy.");
    }

    /// <summary>Who may reopen a resolved incident, within what window, and whether closed ones too (default <see cref="IncidentReopenPolicy.Default"/>).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public IncidentReopenPolicy Reopen { get; init => field = value ?? throw new ArgumentNullException(nameof(Reopen)); } = IncidentReopenPolicy.Default;

    /// <summary>
    /// Closes resolved incidents a wall-clock time after resolution (ServiceNow's
    /// <c>glide.ui.autoclose.time</c>) or after business days; <see langword="null"/> (the default) for none. The engine folds each resolved incident's auto-close instant into its due
    /// instant (<c>RecordIndex.SlaDueAt</c>), and the SLA worker of Itsm.Hosting closes it then, as its
    /// system actor. Major incidents are never closed automatically.
    /// </summary>
    public IncidentAutoClosePolicy? AutoClose { get; init; }

    /// <summary>
    /// The id of the business calendar a business-day <see cref="AutoClose"/> counts on (one of the
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
            : throw new KeyNotFoundException($"The auto-close calendar '{QuotedText.Of(AutoCloseCalendarId)}' is not among the engine's calendars.");
        return AutoClose.DueAt(incident, calendar);
    }
}
