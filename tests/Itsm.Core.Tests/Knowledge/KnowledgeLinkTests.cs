using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Knowledge;
using Itsm.Persistence;
using Itsm.Problems;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Knowledge.KnowledgeArticleFixtures;

namespace Itsm.Core.Tests.Knowledge;

/// <summary>Incidents and problems cite knowledge articles through the engine, which lets them cite only a published one.</summary>
public sealed class KnowledgeLinkTests
{
    private static readonly Actor Agent = new("agent.brown", "itil");

    private readonly FakeClock _clock = NewClock();
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine Engine() => new(_store, ItsmAuthorizers.AllowAll, _clock);

    private static async Task<IncidentId> OpenIncidentAsync(ItsmEngine engine)
    {
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("rita", "Outlook asks for a password", Impact.Low, Urgency.Low));
        return id;
    }

    [Fact]
    public async Task An_incident_cites_a_published_article_and_keeps_it_when_stored()
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await PublishAsync(engine, Tenant, article);
        var incident = await OpenIncidentAsync(engine);

        var result = await engine.Incidents.ExecuteAsync(Tenant, incident, Agent, new LinkIncidentKnowledgeArticle(article));

        var entry = Assert.Single(result.Events);
        Assert.Equal(("LinkKnowledgeArticle", "New", "New"), (entry.Command, entry.FromState, entry.ToState));
        Assert.Equal(new TicketKnowledgeArticleLinked(article), entry.Event);
        Assert.Equal(article.ToString(), entry.Data["article"]);
        Assert.Equal([article], (await engine.Incidents.GetAsync(Tenant, incident, Agent)).KnowledgeArticles);
    }

    [Theory]
    [InlineData(KnowledgeArticleState.Draft)]
    [InlineData(KnowledgeArticleState.Review)]
    [InlineData(KnowledgeArticleState.Retired)]
    public async Task An_article_that_is_not_published_cannot_be_cited(KnowledgeArticleState state)
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await engine.KnowledgeArticles.CreateAsync(Tenant, article, Author, new CreateKnowledgeArticle(Title, Body));
        if (state != KnowledgeArticleState.Draft)
        {
            await engine.KnowledgeArticles.ExecuteAsync(Tenant, article, Author, new SubmitKnowledgeArticle());
        }

        if (state == KnowledgeArticleState.Retired)
        {
            await engine.KnowledgeArticles.ExecuteAsync(Tenant, article, Reviewer, new PublishKnowledgeArticle());
            await engine.KnowledgeArticles.ExecuteAsync(Tenant, article, Reviewer, new RetireKnowledgeArticle("Superseded."));
        }

        var incident = await OpenIncidentAsync(engine);

        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Tenant, incident, Agent, new LinkIncidentKnowledgeArticle(article)));

        Assert.Equal("ITSM-KB-LINK-001", ex.Code);
        Assert.Equal($"Knowledge article {article} is {state}; only a published article can be cited.", ex.Message);
        Assert.Equal(1, (await engine.Incidents.GetAsync(Tenant, incident, Agent)).Version);
    }

    [Fact]
    public async Task An_article_the_tenant_does_not_hold_cannot_be_cited()
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await PublishAsync(engine, new TenantId("globex"), article);
        var incident = await OpenIncidentAsync(engine);

        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Tenant, incident, Agent, new LinkIncidentKnowledgeArticle(article)));

        Assert.Equal("ITSM-KB-LINK-002", ex.Code);
        Assert.Empty((await engine.Incidents.GetAsync(Tenant, incident, Agent)).KnowledgeArticles);
    }

    [Fact]
    public async Task Citing_the_same_article_twice_breaks_the_tickets_own_rule()
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await PublishAsync(engine, Tenant, article);
        var incident = await OpenIncidentAsync(engine);
        await engine.Incidents.ExecuteAsync(Tenant, incident, Agent, new LinkIncidentKnowledgeArticle(article));

        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Tenant, incident, Agent, new LinkIncidentKnowledgeArticle(article)));

        Assert.Equal("ITSM-INC-KB-001", ex.Code);
        Assert.Equal($"Incident {incident} already cites knowledge article {article}.", ex.Message);
    }

    [Fact]
    public async Task A_known_error_cites_its_workaround_article()
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await PublishAsync(engine, Tenant, article);
        var problem = ProblemId.New();
        await engine.Problems.CreateAsync(Tenant, problem, Agent, new OpenProblem("Outlook loses its credentials"));
        await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new AssessProblem());
        await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new StartProblemRootCauseAnalysis());
        await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new RecordProblemRootCause("The token cache is not refreshed."));
        await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new DocumentProblemWorkaround("Clear the cached credentials."));
        await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new MarkProblemAsKnownError("Outlook asks for a password", ["outlook"]));

        var result = await engine.Problems.ExecuteAsync(Tenant, problem, Agent, new LinkProblemKnowledgeArticle(article));

        Assert.Equal(new TicketKnowledgeArticleLinked(article), Assert.Single(result.Events).Event);
        var stored = await engine.Problems.GetAsync(Tenant, problem, Agent);
        Assert.NotNull(stored.KnownError);
        Assert.Equal([article], stored.KnowledgeArticles);
    }

    [Fact]
    public async Task A_ticket_cites_at_most_the_item_limit_of_articles()
    {
        var incident = Itsm.Core.Tests.Incidents.IncidentFixtures.Open(_clock);
        for (int i = 0; i < FieldLimits.Items; i++)
        {
            incident.LinkKnowledgeArticle(Agent, KnowledgeArticleId.New());
        }

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.LinkKnowledgeArticle(Agent, KnowledgeArticleId.New()));

        Assert.Equal(FieldLimits.CollectionFullCode, ex.Code);
        Assert.Equal(FieldLimits.Items, incident.KnowledgeArticles.Count);
        Assert.Equal("article", Assert.ThrowsAny<ArgumentException>(() => incident.LinkKnowledgeArticle(Agent, default)).ParamName);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Articles_are_numbered_with_the_KB_prefix_and_found_by_number()
    {
        var engine = Engine();
        var article = KnowledgeArticleId.New();
        await PublishAsync(engine, Tenant, article);

        var found = await engine.KnowledgeArticles.FindByNumberAsync(Tenant, "KB0000001", Agent);

        Assert.Equal(article, found!.Id);
        Assert.Equal("KB0000001", found.Number);
        var summary = Assert.Single(await engine.KnowledgeArticles.QueryAsync(Tenant, Agent));
        Assert.Equal(("Published", false), (summary.Index.State, summary.Index.IsOpen));
    }
}
