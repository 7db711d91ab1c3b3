namespace Itsm.Incidents;

/// <summary>
/// When work on a new incident starts (the move from <see cref="IncidentState.New"/> to
/// <see cref="IncidentState.InProgress"/>), a policy of <see cref="IncidentOptions.WorkStart"/>.
/// <see cref="Incident.StartWork"/> starts it explicitly under every policy.
/// </summary>
/// <remarks>
/// ServiceNow's default business rules move a New incident to In Progress when it is assigned to a
/// person (<see cref="OnAgentAssignment"/>); many service desks treat any assignment as the
/// acknowledgement (<see cref="OnAssignment"/>); Jira Service Management's workflows move an issue to
/// "In progress" only by its own transition (<see cref="Explicit"/>). docs/lifecycles/incident.md compares them.
/// </remarks>
public enum IncidentWorkStart
{
    /// <summary>Any assignment of a new incident (a group, an agent, or both) starts work: it acknowledges the incident. The default.</summary>
    OnAssignment = 0,

    /// <summary>Assigning a person starts work (the first agent action); assigning only a group leaves the incident New in the group's queue.</summary>
    OnAgentAssignment = 1,

    /// <summary>Assignment never changes the state; only <see cref="Incident.StartWork"/> does.</summary>
    Explicit = 2,
}
