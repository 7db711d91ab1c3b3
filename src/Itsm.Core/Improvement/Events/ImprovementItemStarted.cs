using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Implementation of an approved improvement item started.</summary>
/// <remarks>Audit entry: command <c>Start</c>; no data.</remarks>
public sealed record ImprovementItemStarted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Start";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ImprovementItemStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ImprovementItemStarted();
    }
}
