using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>An incident the problem causes was linked to it.</summary>
/// <remarks>Audit entry: command <c>LinkIncident</c>; data keys <c>incident</c> (a null value is left out).</remarks>
/// <param name="Incident">The incident.</param>

public sealed record ProblemIncidentLinked(IncidentId Incident) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "LinkIncident";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("incident", Incident.ToString()));

    internal static ProblemIncidentLinked? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemIncidentLinked(new IncidentId(r.Guid("incident")));
        return r.Ok ? read : null;
    }
}
