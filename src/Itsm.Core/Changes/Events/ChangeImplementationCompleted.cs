using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Implementation finished; the change awaits its post-implementation review.</summary>
/// <remarks>Audit entry: command <c>CompleteImplementation</c>; no data.</remarks>
public sealed record ChangeImplementationCompleted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "CompleteImplementation";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ChangeImplementationCompleted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ChangeImplementationCompleted();
    }
}
