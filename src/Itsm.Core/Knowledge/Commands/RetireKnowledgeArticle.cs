using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Retires a published knowledge article with a reason, as the engine's actor.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Retire"/>; its audit entry's command is <c>Retire</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record RetireKnowledgeArticle(string Reason) : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Retire";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.Retire(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
