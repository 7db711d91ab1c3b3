using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The change was put to its change authority for authorisation.</summary>
/// <remarks>Audit entry: command <c>RequestAuthorization</c>; no data.</remarks>
public sealed record ChangeAuthorizationRequested : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RequestAuthorization";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ChangeAuthorizationRequested? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ChangeAuthorizationRequested();
    }
}
