using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Knowledge;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Knowledge articles through an engine: a record type of its own, numbered KB, cited by incidents.
public abstract partial class AggregateStoreContract
{
    /// <summary>
    /// A knowledge article written through one engine round-trips through the store for another engine: its
    /// state, fields, number and history; an incident cites it once it is published, and the citation is stored
    /// with the incident; an article in another tenant cannot be cited.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_knowledge_article_round_trips_and_is_cited_once_published()
    {
        var store = await NewStoreAsync();
        var clock = new FixedClock(T0);
        var author = new Actor("agent.smith", "itil");
        var reviewer = new Actor("editor.jones", "knowledge_manager");
        var writer = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        var article = KnowledgeArticleId.New();
        await writer.KnowledgeArticles.CreateAsync(TenantA, article, author, new CreateKnowledgeArticle("VPN drops – café Wi-Fi", "Switch the VPN to TCP 443."));
        await writer.KnowledgeArticles.ExecuteAsync(TenantA, article, author, new SubmitKnowledgeArticle());

        var reader = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        var incident = IncidentId.New();
        await reader.Incidents.CreateAsync(TenantA, incident, author, new OpenIncident("caller", "VPN drops", Impact.Low, Urgency.Low));
        var draft = await Assert.ThrowsAsync<DomainRuleViolationException>(() => reader.Incidents.ExecuteAsync(TenantA, incident, author, new LinkIncidentKnowledgeArticle(article)));
        Assert.Equal("ITSM-KB-LINK-001", draft.Code);

        await reader.KnowledgeArticles.ExecuteAsync(TenantA, article, reviewer, new PublishKnowledgeArticle());
        await reader.Incidents.ExecuteAsync(TenantA, incident, author, new LinkIncidentKnowledgeArticle(article));

        var loaded = await writer.KnowledgeArticles.GetAsync(TenantA, article, author);
        Assert.Equal((KnowledgeArticleState.Published, 3L, "VPN drops – café Wi-Fi", "editor.jones", "KB0000001"), (loaded.State, loaded.Version, loaded.Title, loaded.PublishedBy!.Id, loaded.Number));
        Assert.Equal(3, (await store.ReadHistoryAsync(TenantA, KnowledgeArticle.RecordType, article.ToString())).Count);
        Assert.Equal([article], (await writer.Incidents.GetAsync(TenantA, incident, author)).KnowledgeArticles);

        var other = IncidentId.New();
        await reader.Incidents.CreateAsync(TenantB, other, author, new OpenIncident("caller", "VPN drops", Impact.Low, Urgency.Low));
        var elsewhere = await Assert.ThrowsAsync<DomainRuleViolationException>(() => reader.Incidents.ExecuteAsync(TenantB, other, author, new LinkIncidentKnowledgeArticle(article)));
        Assert.Equal("ITSM-KB-LINK-002", elsewhere.Code);
    }
}
