using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>A resolved incident was reopened.</summary>
/// <remarks>Audit entry: command <c>Reopen</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record IncidentReopened(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Reopen";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static IncidentReopened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentReopened(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
