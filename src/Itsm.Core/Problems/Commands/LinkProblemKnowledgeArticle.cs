using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Problems;

/// <summary>
/// Cites a published knowledge article from a problem. The engine loads the article first and refuses one that is
/// not published (<c>ITSM-KB-LINK-001</c>) or does not exist (<c>ITSM-KB-LINK-002</c>).
/// </summary>
/// <remarks>Runs <see cref="Problem.LinkKnowledgeArticle"/>; its audit entry's command is <c>LinkKnowledgeArticle</c>.</remarks>
/// <param name="Article">The article.</param>
public sealed record LinkProblemKnowledgeArticle(KnowledgeArticleId Article) : RecordCommand<Problem>, IKnowledgeCitation
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "LinkKnowledgeArticle";

    internal override void Run(Problem record, Actor actor) => record.LinkKnowledgeArticle(actor, Article);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Article.ToString());
}
