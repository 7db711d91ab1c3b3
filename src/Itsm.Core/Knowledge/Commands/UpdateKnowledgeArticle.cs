using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>Revises a draft's title and body, as the engine's actor.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Update"/>; its audit entry's command is <c>Update</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Body">The body.</param>
public sealed record UpdateKnowledgeArticle(string Title, string Body) : RecordCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Update";

    internal override void Run(KnowledgeArticle record, Actor actor) => record.Update(actor, Title, Body);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Title).Add(Body);
}
