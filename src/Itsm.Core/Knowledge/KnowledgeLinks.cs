using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Common;
using NodaTime;

namespace Itsm.Knowledge;

/// <summary>
/// The knowledge articles a ticket cites, in the order they were linked, and the link command both incidents
/// and problems run through it. The article's own state is the engine's check (only a published article is
/// cited); the ticket checks what it can see: the id, duplicates and the collection's limit.
/// </summary>
internal sealed class KnowledgeLinks(string codePrefix, string recordType)
{
    private static readonly ReadOnlyCollection<KnowledgeArticleId> None = new([]);
    private ReadOnlyCollection<KnowledgeArticleId> _articles = None;

    internal IReadOnlyList<KnowledgeArticleId> Articles => _articles;

    internal void Restore(IReadOnlyList<KnowledgeArticleId> articles) => _articles = articles.Count == 0 ? None : new([.. articles]);

    /// <exception cref="ArgumentException">The id is empty.</exception>
    internal (Action<Instant> Apply, DomainEvent Event, Action Check) Link(KnowledgeArticleId article, string recordId)
    {
        if (article.Value == Guid.Empty)
        {
            throw new ArgumentException("The knowledge article id must not be empty.", nameof(article));
        }

        return (_ => _articles = new([.. _articles, article]), new TicketKnowledgeArticleLinked(article), () =>
        {
            if (_articles.Contains(article))
            {
                throw new DomainRuleViolationException(codePrefix + "-KB-001", $"{recordType} {recordId} already cites knowledge article {article}.");
            }

            if (_articles.Count >= FieldLimits.Items)
            {
                throw new DomainRuleViolationException(FieldLimits.CollectionFullCode, $"{recordType} {recordId} already cites {FieldLimits.Items} knowledge articles, the most a ticket holds.");
            }
        });
    }
}
