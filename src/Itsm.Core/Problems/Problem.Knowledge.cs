using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Problems;

// The knowledge articles the problem cites (docs/knowledge.md): for a known error, its entry in the
// knowledge base, the workaround published for the service desk.
public sealed partial class Problem
{
    private KnowledgeLinks? _knowledge;

    private KnowledgeLinks Knowledge => _knowledge ??= new KnowledgeLinks("ITSM-PRB", RecordType);

    /// <summary>The knowledge articles the problem cites, in the order they were linked; empty for none.</summary>
    public IReadOnlyList<KnowledgeArticleId> KnowledgeArticles => _knowledge?.Articles ?? [];

    /// <summary>
    /// Cites a knowledge article in any open state (New, Assess, RootCauseAnalysis, FixInProgress) and while
    /// Resolved: for a known error, the article that publishes its workaround (ServiceNow's known-error article).
    /// The engine refuses an article that is not published (<c>ITSM-KB-LINK-001</c>, <c>ITSM-KB-LINK-002</c>); the
    /// problem alone cannot see it.
    /// </summary>
    /// <param name="actor">Who links it.</param>
    /// <param name="article">The article.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="article"/> is empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-KB-001</c>: the problem already cites it;
    /// <see cref="FieldLimits.CollectionFullCode"/>: it already cites <see cref="FieldLimits.Items"/>.</exception>
    public void LinkKnowledgeArticle(Actor actor, KnowledgeArticleId article)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = Knowledge.Link(article, RecordId);
        Execute(actor, ProblemCommand.LinkKnowledgeArticle, apply, @event, check);
    }

    /// <summary>Puts back the stored citations (the codec, after <c>Restore</c>).</summary>
    internal Problem WithKnowledgeArticles(IReadOnlyList<KnowledgeArticleId> articles)
    {
        if (articles.Count > 0)
        {
            Knowledge.Restore(articles);
        }

        return this;
    }
}
