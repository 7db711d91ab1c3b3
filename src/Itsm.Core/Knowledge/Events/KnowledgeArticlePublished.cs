using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A knowledge article was published (the entry's actor is the reviewer): from now on it may be cited.</summary>
/// <remarks>Audit entry: command <c>Publish</c>; no data.</remarks>
public sealed record KnowledgeArticlePublished : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Publish";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static KnowledgeArticlePublished? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new KnowledgeArticlePublished();
    }
}
