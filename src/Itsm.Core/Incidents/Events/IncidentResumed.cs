using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Work resumed on an incident that was on hold.</summary>
/// <remarks>Audit entry: command <c>Resume</c>; no data.</remarks>
public sealed record IncidentResumed : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Resume";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static IncidentResumed? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new IncidentResumed();
    }
}
