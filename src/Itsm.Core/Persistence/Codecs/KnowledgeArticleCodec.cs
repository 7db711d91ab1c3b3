using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Knowledge;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>Stores knowledge articles (docs/record-state.md). No SLA, no ticket history.</summary>
internal sealed class KnowledgeArticleCodec : AggregateCodec<KnowledgeArticle, KnowledgeArticleId>
{
    public override string RecordType => KnowledgeArticle.RecordType;

    public override KnowledgeArticle Create(CreateCommand<KnowledgeArticle> command, TenantId tenant, KnowledgeArticleId id, Actor actor, IClock clock) =>
        command switch
        {
            CreateKnowledgeArticle create => create.Create(tenant, id, actor, clock),
            _ => throw UnknownCreateCommand(command),
        };

    public override string Serialize(KnowledgeArticle aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum("state", aggregate.State);
            w.WriteActor("author", aggregate.Author);
            w.WriteString("title", aggregate.Title);
            w.WriteString("body", aggregate.Body);
            w.WriteInstant("createdAt", aggregate.CreatedAt);
            w.WriteString("sendBackReason", aggregate.SendBackReason);
            w.WriteActor("publishedBy", aggregate.PublishedBy);
            w.WriteInstant("publishedAt", aggregate.PublishedAt);
            w.WriteInstant("retiredAt", aggregate.RetiredAt);
            w.WriteString("retirementReason", aggregate.RetirementReason);
        });
    }

    public override KnowledgeArticle Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var articleId = new KnowledgeArticleId(StateJson.ParseId(id, KnowledgeArticle.RecordType));
        return StateJson.Read(KnowledgeArticle.RecordType, json, r =>
        {
            var state = r.Enum<KnowledgeArticleState>("state");
            var author = r.Actor("author");
            return KnowledgeArticle.Restore(
                tenant,
                articleId,
                version,
                clock,
                author,
                r.String("title"),
                r.String("body"),
                state,
                r.Instant("createdAt"),
                r.NullableString("sendBackReason"),
                r.NullableActor("publishedBy"),
                r.NullableInstant("publishedAt"),
                r.NullableInstant("retiredAt"),
                r.NullableString("retirementReason"));
        });
    }

    // Every state has a next command, so "open" means what a backlog means: work waiting on someone
    // (a draft or an article in review); a host lists published articles by state.
    public override RecordIndex IndexOf(KnowledgeArticle aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.State is KnowledgeArticleState.Draft or KnowledgeArticleState.Review,
        null,
        null,
        null,
        aggregate.CreatedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(KnowledgeArticle aggregate) => null;
}
