using System;
using System.Collections.Generic;
using Stateless;
using Stateless.Graph;

namespace Itsm.Knowledge;

/// <summary>
/// The knowledge article's state machine: which command each state permits and where it leads. It is
/// configured once per thread, over the state of whichever article is firing it (Stateless external state
/// storage), and shared by every article: loading an article builds nothing (see
/// <see cref="Itsm.Common.Aggregate{TId, TState, TCommand}"/>).
/// </summary>
public static class KnowledgeArticleLifecycle
{
    /// <summary>Every command, in declaration order.</summary>
    public static IReadOnlyList<KnowledgeArticleCommand> Commands { get; } = Enum.GetValues<KnowledgeArticleCommand>();

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the configured machine (docs/lifecycles/knowledge-article.md holds it).</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid()
    {
        var state = KnowledgeArticleState.Draft;
        var machine = new StateMachine<KnowledgeArticleState, KnowledgeArticleCommand>(() => state, s => state = s);
        Configure(machine);
        return MermaidGraph.Format(machine.GetInfo());
    }

    internal static void Configure(StateMachine<KnowledgeArticleState, KnowledgeArticleCommand> machine)
    {
        machine.Configure(KnowledgeArticleState.Draft)
            .PermitReentry(KnowledgeArticleCommand.Update)
            .Permit(KnowledgeArticleCommand.Submit, KnowledgeArticleState.Review);

        machine.Configure(KnowledgeArticleState.Review)
            .Permit(KnowledgeArticleCommand.SendBack, KnowledgeArticleState.Draft)
            .Permit(KnowledgeArticleCommand.Publish, KnowledgeArticleState.Published);

        machine.Configure(KnowledgeArticleState.Published)
            .Permit(KnowledgeArticleCommand.Retire, KnowledgeArticleState.Retired);

        // Republishing goes through review, as ServiceNow's approval-publish workflow does: a retired
        // article was withdrawn for a reason, so someone other than its author looks at it again.
        machine.Configure(KnowledgeArticleState.Retired)
            .Permit(KnowledgeArticleCommand.Republish, KnowledgeArticleState.Review);
    }
}
