using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Sends a knowledge article in review back to Draft with a reason, as the engine's actor.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.SendBack"/>; its audit entry's command is <c>SendBack</c>.</remarks>
/// <param name="Reason">What to change.</param>
public sealed record SendBackKnowledgeArticle(string Reason) : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "SendBack";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.SendBack(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
