using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The incident was promoted to a major incident.</summary>
/// <remarks>Audit entry: command <c>PromoteToMajor</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record IncidentPromotedToMajor(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "PromoteToMajor";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static IncidentPromotedToMajor? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentPromotedToMajor(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
