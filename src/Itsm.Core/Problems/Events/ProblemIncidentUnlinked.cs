using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>A linked incident was unlinked from the problem.</summary>
/// <remarks>Audit entry: command <c>UnlinkIncident</c>; data keys <c>incident</c> (a null value is left out).</remarks>
/// <param name="Incident">The incident.</param>

public sealed record ProblemIncidentUnlinked(IncidentId Incident) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "UnlinkIncident";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("incident", Incident.ToString()));

    internal static ProblemIncidentUnlinked? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemIncidentUnlinked(new IncidentId(r.Guid("incident")));
        return r.Ok ? read : null;
    }
}
