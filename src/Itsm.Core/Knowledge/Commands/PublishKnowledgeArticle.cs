using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Publishes a knowledge article in review, as the engine's actor (not its author).</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Publish"/>; its audit entry's command is <c>Publish</c>.</remarks>
public sealed record PublishKnowledgeArticle : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Publish";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.Publish(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
