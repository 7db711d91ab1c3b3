using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Work started on a fix that removes the recorded root cause (error control).</summary>
/// <remarks>Audit entry: command <c>StartFix</c>; no data.</remarks>
public sealed record ProblemFixStarted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "StartFix";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ProblemFixStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ProblemFixStarted();
    }
}
