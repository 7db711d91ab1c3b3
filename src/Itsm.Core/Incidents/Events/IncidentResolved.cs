using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The incident was resolved: service is restored.</summary>
/// <remarks>Audit entry: command <c>Resolve</c>; data keys <c>resolutionCode</c>, <c>notes</c> (a null value is left out).</remarks>
/// <param name="Code">How it was resolved.</param>
/// <param name="Notes">The resolution notes.</param>

public sealed record IncidentResolved(IncidentResolutionCode Code, string Notes) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Resolve";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("resolutionCode", Code.ToString()), ("notes", Notes));

    internal static IncidentResolved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentResolved(r.Enum<IncidentResolutionCode>("resolutionCode"), r.Required("notes"));
        return r.Ok ? read : null;
    }
}
