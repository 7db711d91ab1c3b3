using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Brings a retired knowledge article back to review, as the engine's actor.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Republish"/>; its audit entry's command is <c>Republish</c>.</remarks>
public sealed record RepublishKnowledgeArticle : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Republish";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.Republish(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
