using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Knowledge;
using NodaTime;
using static Itsm.Core.Tests.Knowledge.KnowledgeArticleFixtures;

namespace Itsm.Core.Tests.Knowledge;

/// <summary>The knowledge article lifecycle: each command's transition, audit entry and typed event, and every refusal.</summary>
public sealed class KnowledgeArticleTests
{
    public static TheoryData<KnowledgeArticleState> States() => new(AllStates);

    public static TheoryData<KnowledgeArticleState, KnowledgeArticleCommand> RefusedByState()
    {
        var data = new TheoryData<KnowledgeArticleState, KnowledgeArticleCommand>();
        foreach (var state in AllStates)
        {
            foreach (var command in AllCommands.Except(Permitted[state]))
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    [Fact]
    public void Create_StartsADraftAtVersionOneWithItsEvent()
    {
        var clock = NewClock();
        var id = KnowledgeArticleId.New();

        var article = Create(clock, id);

        Assert.Equal(KnowledgeArticleState.Draft, article.State);
        Assert.Equal((1L, Author, Title, Body, Monday0900), (article.Version, article.Author, article.Title, article.Body, article.CreatedAt));
        var entry = Assert.Single(article.UncommittedAuditEntries);
        RecordProbe.AssertEntry(entry, Tenant, "KnowledgeArticle", id.ToString(), 1, Monday0900, Author, "Create", "Draft", "Draft", ("title", Title), ("body", Body));
        Assert.Equal(new KnowledgeArticleCreated(Title, Body), AuditAssert.TypedEvent(entry, typeof(KnowledgeArticleCreated)));
    }

    [Fact]
    public void TheWholeLife_DraftReviewBackToDraftPublishedRetiredAndRepublished_RecordsOneEntryPerCommand()
    {
        var clock = NewClock();
        var article = Create(clock);

        clock.Advance(Duration.FromMinutes(5));
        var probe = article.Probe();
        article.Update(Author, Title, Body + " Then sign in again.");
        probe.AssertAccepted("Update", KnowledgeArticleState.Draft, KnowledgeArticleState.Draft, Author, clock.GetCurrentInstant(), ("title", Title), ("body", Body + " Then sign in again."));

        probe = article.Probe();
        article.Submit(Author);
        probe.AssertAccepted("Submit", KnowledgeArticleState.Draft, KnowledgeArticleState.Review, Author, clock.GetCurrentInstant());

        probe = article.Probe();
        article.SendBack(Reviewer, "Add the Outlook version.");
        var sentBack = probe.AssertAccepted("SendBack", KnowledgeArticleState.Review, KnowledgeArticleState.Draft, Reviewer, clock.GetCurrentInstant(), ("reason", "Add the Outlook version."));
        Assert.Equal(new KnowledgeArticleSentBack("Add the Outlook version."), AuditAssert.TypedEvent(sentBack, typeof(KnowledgeArticleSentBack)));
        Assert.Equal("Add the Outlook version.", article.SendBackReason);

        article.Submit(Author);
        clock.Advance(Duration.FromHours(1));
        probe = article.Probe();
        article.Publish(Reviewer);
        probe.AssertAccepted("Publish", KnowledgeArticleState.Review, KnowledgeArticleState.Published, Reviewer, clock.GetCurrentInstant());
        Assert.Equal((Reviewer, clock.GetCurrentInstant()), (article.PublishedBy!, article.PublishedAt!.Value));

        probe = article.Probe();
        article.Retire(Reviewer, "Superseded by KB0000042.");
        var retired = probe.AssertAccepted("Retire", KnowledgeArticleState.Published, KnowledgeArticleState.Retired, Reviewer, clock.GetCurrentInstant(), ("reason", "Superseded by KB0000042."));
        Assert.Equal(new KnowledgeArticleRetired("Superseded by KB0000042."), AuditAssert.TypedEvent(retired, typeof(KnowledgeArticleRetired)));

        probe = article.Probe();
        article.Republish(Reviewer);
        probe.AssertAccepted("Republish", KnowledgeArticleState.Retired, KnowledgeArticleState.Review, Reviewer, clock.GetCurrentInstant());
        Assert.Equal("Superseded by KB0000042.", article.RetirementReason);

        article.Publish(Reviewer);
        Assert.Equal(KnowledgeArticleState.Published, article.State);
        Assert.Equal(9, article.Version);
        TypedEventCheck.AssertTyped(article.UncommittedAuditEntries);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void PermittedCommands_InEachState_AreTheCommandsTheReadmeLists(KnowledgeArticleState state)
    {
        var article = InState(state, NewClock());

        Assert.Equal(Permitted[state], KnowledgeArticleLifecycle.Commands.Where(article.Permits));
        Assert.Equal(Permitted[state], article.PermittedCommands);
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(KnowledgeArticleState state, KnowledgeArticleCommand command)
    {
        var article = InState(state, NewClock());
        var probe = article.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(article, command));

        TransitionAssert.Names(ex, "KnowledgeArticle", state.ToString(), command.ToString(), TransitionAssert.Names(Permitted[state]));
        probe.AssertUnchanged();
    }

    [Fact]
    public void Publish_ByTheAuthor_BreaksPublish001AndChangesNothing()
    {
        var article = InState(KnowledgeArticleState.Review, NewClock());
        var probe = article.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => article.Publish(new Actor(Author.Id, "knowledge_manager")));

        Assert.Equal("ITSM-KB-PUBLISH-001", ex.Code);
        Assert.Equal($"agent.smith wrote knowledge article {article.Id} and cannot publish it: a second person reviews every publication.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Update_ThatChangesNothing_BreaksUpdate001AndChangesNothing()
    {
        var article = Create(NewClock());
        var probe = article.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => article.Update(Author, Title, Body));

        Assert.Equal("ITSM-KB-UPDATE-001", ex.Code);
        probe.AssertUnchanged();
    }

    [Fact]
    public void BadArguments_AreRefusedNamingTheParameter()
    {
        var clock = NewClock();
        var id = KnowledgeArticleId.New();
        Assert.Equal("tenant", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(default, id, Author, Title, Body, clock)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(Tenant, default, Author, Title, Body, clock)).ParamName);
        Assert.Equal("author", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(Tenant, id, null!, Title, Body, clock)).ParamName);
        Assert.Equal("title", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(Tenant, id, Author, " ", Body, clock)).ParamName);
        Assert.Equal("body", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(Tenant, id, Author, Title, new string('x', FieldLimits.Text + 1), clock)).ParamName);
        Assert.Equal("clock", Assert.ThrowsAny<ArgumentException>(() => KnowledgeArticle.Create(Tenant, id, Author, Title, Body, null!)).ParamName);

        var article = Create(clock);
        var probe = article.Probe();
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => article.Update(null!, Title, "x")).ParamName);
        Assert.Equal("body", Assert.ThrowsAny<ArgumentException>(() => article.Update(Author, Title, "")).ParamName);
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => article.Submit(null!)).ParamName);
        Assert.Equal("reviewer", Assert.ThrowsAny<ArgumentException>(() => article.SendBack(null!, "x")).ParamName);
        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => article.SendBack(Reviewer, " ")).ParamName);
        Assert.Equal("reviewer", Assert.ThrowsAny<ArgumentException>(() => article.Publish(null!)).ParamName);
        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => article.Retire(Reviewer, null!)).ParamName);
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => article.Republish(null!)).ParamName);
        probe.AssertUnchanged();
    }
}
