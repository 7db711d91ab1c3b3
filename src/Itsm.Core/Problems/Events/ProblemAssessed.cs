using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Problem control began: the problem is being assessed (categorised and prioritised) before analysis.</summary>
/// <remarks>Audit entry: command <c>Assess</c>; no data.</remarks>
public sealed record ProblemAssessed : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Assess";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ProblemAssessed? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ProblemAssessed();
    }
}
