using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>
/// Who may reopen a resolved incident, until when, and whether a closed one may be reopened: a policy of
/// <see cref="IncidentOptions.Reopen"/>. Immutable.
/// </summary>
/// <remarks>
/// <para>The default is ITIL's: the caller reopens within 7 days (wall clock) when the fix did not hold;
/// a closed incident stays closed and a recurrence is a new incident. ServiceNow lets the caller reopen
/// from the portal and agents from the form, within <c>glide.ui.autoclose.time</c>; Jira Service
/// Management's "Reopen" transition is open to whoever the workflow allows, including on closed issues
/// in many workflows. docs/lifecycles/incident.md compares them.</para>
/// <para>The policy decides on the actor's identity and roles as recorded; whether the actor may run
/// the command at all is the authorizer's decision, asked first.</para>
/// </remarks>
public sealed record IncidentReopenPolicy
{
    private readonly IReadOnlyList<string> _roles = [];

    /// <summary>The default: the caller, within 7 days wall clock, never from Closed.</summary>
    public static IncidentReopenPolicy Default { get; } = new();

    /// <summary>Anyone, at any time after resolution, and closed incidents too: the policy of desks whose agents reopen freely (and of history imports from them).</summary>
    public static IncidentReopenPolicy Anyone { get; } = new() { Reopeners = IncidentReopeners.Anyone, Window = IncidentReopenWindow.None, FromClosed = true };

    /// <summary>Who may reopen by identity (default <see cref="IncidentReopeners.Caller"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with flags <see cref="IncidentReopeners"/> does not define.</exception>
    public IncidentReopeners Reopeners
    {
        get;
        init => field = (value & ~(IncidentReopeners.Caller | IncidentReopeners.Assignee | IncidentReopeners.Anyone)) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Reopeners), value, "Not a combination of Caller, Assignee and Anyone.");
    } = IncidentReopeners.Caller;

    /// <summary>Roles whose holders may reopen as well (for example <c>"service-desk"</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">Set to null, or a role is blank.</exception>
    public IReadOnlyList<string> Roles
    {
        get => _roles;
        init
        {
            if (value is null || value.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("The reopen roles must be a list of non-blank role names.", nameof(Roles));
            }

            _roles = value.ToArray();
        }
    }

    /// <summary>How long after resolution an incident may be reopened (default 7 days, wall clock).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public IncidentReopenWindow Window { get; init => field = value ?? throw new ArgumentNullException(nameof(Window)); } = IncidentReopenWindow.WallClock(Duration.FromDays(7));

    /// <summary>
    /// Whether a closed incident may be reopened too (default <see langword="false"/>: Closed is final).
    /// The window then still counts from the last resolution.
    /// </summary>
    public bool FromClosed { get; init; }

    /// <summary>Whether <paramref name="actor"/> may reopen <paramref name="incident"/> by identity or role.</summary>
    /// <param name="actor">Who reopens.</param>
    /// <param name="incident">The incident.</param>
    /// <returns><see langword="true"/> when the policy allows the actor.</returns>
    public bool Allows(Actor actor, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(incident);
        return Reopeners.HasFlag(IncidentReopeners.Anyone)
            || (Reopeners.HasFlag(IncidentReopeners.Caller) && string.Equals(actor.Id, incident.CallerId, StringComparison.Ordinal))
            || (Reopeners.HasFlag(IncidentReopeners.Assignee) && string.Equals(actor.Id, incident.AssignedTo, StringComparison.Ordinal))
            || _roles.Any(actor.HasRole);
    }

    /// <summary>Whether <paramref name="other"/> is the same policy: the same reopeners, roles (in order), window and from-Closed setting.</summary>
    /// <param name="other">The other policy.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IncidentReopenPolicy? other) =>
        other is not null && Reopeners == other.Reopeners && _roles.SequenceEqual(other._roles, StringComparer.Ordinal)
        && Window.Equals(other.Window) && FromClosed == other.FromClosed;

    /// <summary>A hash consistent with <see cref="Equals(IncidentReopenPolicy)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Reopeners, _roles.Count, Window, FromClosed);

    /// <summary>Who may reopen, in words, for refusals.</summary>
    /// <param name="incident">The incident.</param>
    /// <returns>The text.</returns>
    internal string Describe(Incident incident)
    {
        var who = new List<string>();
        if (Reopeners.HasFlag(IncidentReopeners.Caller))
        {
            who.Add($"the caller ({incident.CallerId})");
        }

        if (Reopeners.HasFlag(IncidentReopeners.Assignee))
        {
            who.Add(incident.AssignedTo is null ? "the assignee (none)" : $"the assignee ({incident.AssignedTo})");
        }

        if (_roles.Count > 0)
        {
            who.Add("holders of the role(s) " + string.Join(", ", _roles));
        }

        return who.Count == 0 ? "nobody" : string.Join(" or ", who);
    }
}
