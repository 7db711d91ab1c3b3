using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>A major incident was demoted to an ordinary one.</summary>
/// <remarks>Audit entry: command <c>DemoteFromMajor</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record IncidentDemotedFromMajor(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "DemoteFromMajor";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static IncidentDemotedFromMajor? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentDemotedFromMajor(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
