using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>A resolved problem was closed.</summary>
/// <remarks>Audit entry: command <c>Close</c>; no data.</remarks>
public sealed record ProblemClosed : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Close";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ProblemClosed? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ProblemClosed();
    }
}
