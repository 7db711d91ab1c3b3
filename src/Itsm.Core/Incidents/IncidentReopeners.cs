using System;

namespace Itsm.Incidents;

/// <summary>Who may reopen a resolved incident, as flags of <see cref="IncidentReopenPolicy.Reopeners"/>.</summary>
[Flags]
public enum IncidentReopeners
{
    /// <summary>Nobody by identity; only the roles of <see cref="IncidentReopenPolicy.Roles"/> may reopen.</summary>
    None = 0,

    /// <summary>The caller (the incident's <see cref="Incident.CallerId"/>). The default.</summary>
    Caller = 1,

    /// <summary>The person the incident is assigned to (<see cref="Incident.AssignedTo"/>).</summary>
    Assignee = 2,

    /// <summary>Anyone at all: the authorizer alone decides who may run the command.</summary>
    Anyone = 4,
}
