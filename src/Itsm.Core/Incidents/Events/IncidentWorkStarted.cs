using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Work started on a new incident (New to InProgress): it is acknowledged.</summary>
/// <remarks>Audit entry: command <c>StartWork</c>; no data.</remarks>
public sealed record IncidentWorkStarted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "StartWork";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static IncidentWorkStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new IncidentWorkStarted();
    }
}
