using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Incidents;

/// <summary>
/// Cites a published knowledge article from a incident. The engine loads the article first and refuses one that is
/// not published (<c>ITSM-KB-LINK-001</c>) or does not exist (<c>ITSM-KB-LINK-002</c>).
/// </summary>
/// <remarks>Runs <see cref="Incident.LinkKnowledgeArticle"/>; its audit entry's command is <c>LinkKnowledgeArticle</c>.</remarks>
/// <param name="Article">The article.</param>
public sealed record LinkIncidentKnowledgeArticle(KnowledgeArticleId Article) : RecordCommand<Incident>, IKnowledgeCitation
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "LinkKnowledgeArticle";

    internal override void Run(Incident record, Actor actor) => record.LinkKnowledgeArticle(actor, Article);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Article.ToString());
}
