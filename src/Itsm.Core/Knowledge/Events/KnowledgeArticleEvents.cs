using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Reads the audit entries of knowledge articles as typed events (docs/events.md lists the mapping).</summary>
internal static class KnowledgeArticleEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            KnowledgeArticleCreated.CommandName => KnowledgeArticleCreated.Read(data),
            KnowledgeArticleUpdated.CommandName => KnowledgeArticleUpdated.Read(data),
            KnowledgeArticleSubmitted.CommandName => KnowledgeArticleSubmitted.Read(data),
            KnowledgeArticleSentBack.CommandName => KnowledgeArticleSentBack.Read(data),
            KnowledgeArticlePublished.CommandName => KnowledgeArticlePublished.Read(data),
            KnowledgeArticleRetired.CommandName => KnowledgeArticleRetired.Read(data),
            KnowledgeArticleRepublished.CommandName => KnowledgeArticleRepublished.Read(data),
            _ => null,
        };
}
