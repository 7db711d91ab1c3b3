using System.Collections.Generic;
using Itsm.Knowledge;

namespace Itsm.Common;

/// <summary>
/// A ticket cited a knowledge article: the article that answers it (for an incident), or that documents its
/// workaround (for a problem, a known error's entry in the knowledge base). Shared by incidents and problems
/// (the audit entry's record type says which).
/// </summary>
/// <remarks>Audit entry: command <c>LinkKnowledgeArticle</c>; data key <c>article</c>. The SLA snapshot does not change.</remarks>
/// <param name="Article">The article cited.</param>
public sealed record TicketKnowledgeArticleLinked(KnowledgeArticleId Article) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "LinkKnowledgeArticle";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("article", Article.ToString()));

    internal static TicketKnowledgeArticleLinked? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketKnowledgeArticleLinked(new KnowledgeArticleId(r.Guid("article")));
        return r.Ok && read.Article.Value != System.Guid.Empty ? read : null;
    }
}
