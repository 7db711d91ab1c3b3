using Itsm.Common;
using NodaTime;

namespace Itsm.Knowledge;

/// <summary>Creates a new knowledge article in state Draft; the engine's actor is its author.</summary>
/// <remarks>Runs <see cref="KnowledgeArticle.Create"/>; its audit entry's command is <c>Create</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Body">The body: the symptom, the answer or the workaround.</param>
public sealed record CreateKnowledgeArticle(string Title, string Body) : CreateCommand<KnowledgeArticle>
{
    /// <inheritdoc/>
    public override string RecordType => KnowledgeArticle.RecordType;

    /// <inheritdoc/>
    public override string Name => "Create";

    /// <summary>Creates the record: the engine passes its key, the actor and its clock.</summary>
    internal KnowledgeArticle Create(TenantId tenant, KnowledgeArticleId id, Actor actor, IClock clock) =>
        KnowledgeArticle.Create(tenant, id, actor, Title, Body, clock);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Title).Add(Body);
}
