using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>A normal change was submitted for assessment.</summary>
/// <remarks>Audit entry: command <c>Submit</c>; no data.</remarks>
public sealed record ChangeSubmitted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Submit";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ChangeSubmitted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ChangeSubmitted();
    }
}
