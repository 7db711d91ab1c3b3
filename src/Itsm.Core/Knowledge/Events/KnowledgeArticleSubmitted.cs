using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A draft knowledge article was submitted for review.</summary>
/// <remarks>Audit entry: command <c>Submit</c>; no data.</remarks>
public sealed record KnowledgeArticleSubmitted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Submit";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static KnowledgeArticleSubmitted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new KnowledgeArticleSubmitted();
    }
}
