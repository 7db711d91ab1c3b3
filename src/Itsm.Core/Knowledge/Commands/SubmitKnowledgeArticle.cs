using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Submits a draft knowledge article for review, as the engine's actor.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Submit"/>; its audit entry's command is <c>Submit</c>.</remarks>
public sealed record SubmitKnowledgeArticle : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Submit";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.Submit(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
