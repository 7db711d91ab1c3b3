using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A retired knowledge article was brought back to review, to be published again.</summary>
/// <remarks>Audit entry: command <c>Republish</c>; no data.</remarks>
public sealed record KnowledgeArticleRepublished : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Republish";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static KnowledgeArticleRepublished? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new KnowledgeArticleRepublished();
    }
}
