using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Incidents;

// The knowledge articles the incident cites (docs/knowledge.md): the answer an agent used, counted by the
// knowledge-use and first-contact-by-article KPIs.
public sealed partial class Incident
{
    private KnowledgeLinks? _knowledge;

    private KnowledgeLinks Knowledge => _knowledge ??= new KnowledgeLinks("ITSM-INC", RecordType);

    /// <summary>The knowledge articles the incident cites, in the order they were linked; empty for none.</summary>
    public IReadOnlyList<KnowledgeArticleId> KnowledgeArticles => _knowledge?.Articles ?? [];

    /// <summary>
    /// Cites a knowledge article (the answer or workaround used), in any open state and while Resolved (an agent
    /// links the article as they resolve, ServiceNow's "attach to incident"). The engine refuses an article
    /// that is not published (<c>ITSM-KB-LINK-001</c>, <c>ITSM-KB-LINK-002</c>); the incident alone cannot see it.
    /// </summary>
    /// <param name="actor">Who links it.</param>
    /// <param name="article">The article.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="article"/> is empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-KB-001</c>: the incident already cites it;
    /// <see cref="FieldLimits.CollectionFullCode"/>: it already cites <see cref="FieldLimits.Items"/>.</exception>
    public void LinkKnowledgeArticle(Actor actor, KnowledgeArticleId article)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = Knowledge.Link(article, RecordId);
        Execute(actor, IncidentCommand.LinkKnowledgeArticle, apply, @event, check);
    }

    /// <summary>Puts back the stored citations (the codec, after <c>Restore</c>).</summary>
    internal Incident WithKnowledgeArticles(IReadOnlyList<KnowledgeArticleId> articles)
    {
        if (articles.Count > 0)
        {
            Knowledge.Restore(articles);
        }

        return this;
    }
}
