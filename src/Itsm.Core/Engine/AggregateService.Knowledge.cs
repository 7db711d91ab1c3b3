using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Engine;

// Checking the knowledge article a command cites, before it runs.
public sealed partial class AggregateService<TAggregate, TId>
{
    /// <summary>Where cited articles are looked up; the engine sets its own (null: nothing is checked).</summary>
    internal KnowledgeArticleStates? KnowledgeArticles { get; set; }

    /// <summary>
    /// Refuses a command that cites a knowledge article the tenant does not hold (<c>ITSM-KB-LINK-002</c>) or
    /// that is not published (<c>ITSM-KB-LINK-001</c>). A command that cites none costs nothing.
    /// </summary>
    internal async ValueTask CheckKnowledgeAsync(TenantId tenant, ItsmCommand command, CancellationToken cancellationToken)
    {
        if (command is not IKnowledgeCitation citation || KnowledgeArticles is not { } articles)
        {
            return;
        }

        var state = await articles.StateOfAsync(tenant, citation.Article, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            throw new DomainRuleViolationException("ITSM-KB-LINK-002", $"Knowledge article {citation.Article} does not exist; only a published article can be cited.");
        }

        if (state != KnowledgeArticleState.Published)
        {
            throw new DomainRuleViolationException("ITSM-KB-LINK-001", $"Knowledge article {citation.Article} is {state}; only a published article can be cited.");
        }
    }
}
