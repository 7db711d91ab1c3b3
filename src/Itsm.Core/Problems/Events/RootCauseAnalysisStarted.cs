using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Root cause analysis of the problem started.</summary>
/// <remarks>Audit entry: command <c>StartRootCauseAnalysis</c>; no data.</remarks>
public sealed record RootCauseAnalysisStarted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "StartRootCauseAnalysis";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static RootCauseAnalysisStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new RootCauseAnalysisStarted();
    }
}
