using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Knowledge;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Knowledge;

/// <summary>Actors, a fake clock and knowledge articles in each state.</summary>
internal static class KnowledgeArticleFixtures
{
    public const string Title = "Outlook keeps asking for a password";

    public const string Body = "Clear the cached credentials in Credential Manager, then restart Outlook.";

    public static TenantId Tenant { get; } = new("acme");

    public static Actor Author { get; } = new("agent.smith", "itil");

    public static Actor Reviewer { get; } = new("editor.jones", "knowledge_manager");

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static IReadOnlyList<KnowledgeArticleState> AllStates { get; } = Enum.GetValues<KnowledgeArticleState>();

    public static IReadOnlyList<KnowledgeArticleCommand> AllCommands { get; } = Enum.GetValues<KnowledgeArticleCommand>();

    /// <summary>The commands each state permits, as docs/lifecycles/README.md lists them (declaration order).</summary>
    public static IReadOnlyDictionary<KnowledgeArticleState, KnowledgeArticleCommand[]> Permitted { get; } = new Dictionary<KnowledgeArticleState, KnowledgeArticleCommand[]>
    {
        [KnowledgeArticleState.Draft] = [KnowledgeArticleCommand.Update, KnowledgeArticleCommand.Submit],
        [KnowledgeArticleState.Review] = [KnowledgeArticleCommand.SendBack, KnowledgeArticleCommand.Publish],
        [KnowledgeArticleState.Published] = [KnowledgeArticleCommand.Retire],
        [KnowledgeArticleState.Retired] = [KnowledgeArticleCommand.Republish],
    };

    public static FakeClock NewClock() => new(Monday0900);

    public static KnowledgeArticle Create(FakeClock clock, KnowledgeArticleId? id = null) =>
        KnowledgeArticle.Create(Tenant, id ?? KnowledgeArticleId.New(), Author, Title, Body, clock);

    /// <summary>An article brought to <paramref name="state"/> by the usual commands, five minutes apart.</summary>
    public static KnowledgeArticle InState(KnowledgeArticleState state, FakeClock clock)
    {
        var article = Create(clock);
        void Step(Action<KnowledgeArticle> command)
        {
            clock.Advance(Duration.FromMinutes(5));
            command(article);
        }

        if (state is not KnowledgeArticleState.Draft)
        {
            Step(a => a.Submit(Author));
        }

        if (state is KnowledgeArticleState.Published or KnowledgeArticleState.Retired)
        {
            Step(a => a.Publish(Reviewer));
        }

        if (state is KnowledgeArticleState.Retired)
        {
            Step(a => a.Retire(Reviewer, "Outlook 2016 is no longer supported."));
        }

        return article;
    }

    /// <summary>Issues <paramref name="command"/> with valid arguments.</summary>
    public static void Issue(KnowledgeArticle article, KnowledgeArticleCommand command)
    {
        switch (command)
        {
            case KnowledgeArticleCommand.Update: article.Update(Author, article.Title + " (revised)", article.Body); break;
            case KnowledgeArticleCommand.Submit: article.Submit(Author); break;
            case KnowledgeArticleCommand.SendBack: article.SendBack(Reviewer, "Add a screenshot."); break;
            case KnowledgeArticleCommand.Publish: article.Publish(Reviewer); break;
            case KnowledgeArticleCommand.Retire: article.Retire(Reviewer, "Superseded."); break;
            case KnowledgeArticleCommand.Republish: article.Republish(Reviewer); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>Creates and publishes an article through the engine (author, then a reviewer), so tickets may cite it.</summary>
    public static async Task PublishAsync(ItsmEngine engine, TenantId tenant, KnowledgeArticleId id)
    {
        await engine.KnowledgeArticles.CreateAsync(tenant, id, Author, new CreateKnowledgeArticle(Title, Body));
        await engine.KnowledgeArticles.ExecuteAsync(tenant, id, Author, new SubmitKnowledgeArticle());
        await engine.KnowledgeArticles.ExecuteAsync(tenant, id, Reviewer, new PublishKnowledgeArticle());
    }

    public static RecordProbe Probe(this KnowledgeArticle article) => RecordProbe.Of(
        KnowledgeArticle.RecordType,
        article.Id.ToString(),
        article.Tenant,
        () => article.State.ToString(),
        () => article.Version,
        () => article.UncommittedAuditEntries,
        () => ArticleData.Of(article));

    private sealed record ArticleData(string Title, string Body, string? SendBackReason, Actor? PublishedBy, Instant? PublishedAt, Instant? RetiredAt, string? RetirementReason)
    {
        public static ArticleData Of(KnowledgeArticle a) => new(a.Title, a.Body, a.SendBackReason, a.PublishedBy, a.PublishedAt, a.RetiredAt, a.RetirementReason);
    }
}
