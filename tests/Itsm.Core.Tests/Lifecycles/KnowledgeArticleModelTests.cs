using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Knowledge;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the knowledge article lifecycle: a new article receives 20 to 60 random commands with
/// random, often invalid, arguments, interleaved with clock moves and saves. After every step the article must
/// agree with <see cref="KnowledgeArticleModel"/>: the same outcome, state, fields and version, exactly one more
/// audit entry when accepted and nothing changed when refused, and the same permitted commands.
/// </summary>
public sealed class KnowledgeArticleModelTests
{
    /// <summary>The event type each audit command reads as.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> EventTypes = new Dictionary<string, Type>
    {
        ["Create"] = typeof(KnowledgeArticleCreated),
        ["Update"] = typeof(KnowledgeArticleUpdated),
        ["Submit"] = typeof(KnowledgeArticleSubmitted),
        ["SendBack"] = typeof(KnowledgeArticleSentBack),
        ["Publish"] = typeof(KnowledgeArticlePublished),
        ["Retire"] = typeof(KnowledgeArticleRetired),
        ["Republish"] = typeof(KnowledgeArticleRepublished),
    };

    [Property(Arbitrary = [typeof(KnowledgeArticleArbitraries)], MaxTest = 1000)]
    public void Every_command_sequence_follows_the_model(KnowledgeArticleScenario scenario)
    {
        var world = new KnowledgeArticleWorld();
        var run = new ModelRun("KnowledgeArticle.Create(acme, rita)");
        var author = KnowledgeArticleWorld.Actor(Who.Caller)!;
        var article = KnowledgeArticle.Create(world.Tenant, world.Id, author, KnowledgeArticleWorld.Title, KnowledgeArticleWorld.Body, world.Clock);
        var model = new KnowledgeArticleModel(world);
        run.CheckAudit([], article.UncommittedAuditEntries, new ExpectedEntry(
            world.Tenant, KnowledgeArticle.RecordType, world.Id.ToString(), 1, KnowledgeArticleWorld.Start, author, "Create", "Draft", "Draft"));
        run.CheckTypedEvent(article.UncommittedAuditEntries[0], EventTypes);
        Check(run, model, article);

        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case AdvanceClock a:
                    world.Clock.Advance(a.By);
                    run.Log(step);
                    continue;
                case AcceptAuditEntries:
                    article.AcceptAuditEntries();
                    run.Log(step);
                    run.Equal(0, article.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                    continue;
            }

            var before = article.UncommittedAuditEntries.ToArray();
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            var thrown = ModelRun.Capture(() => Execute(step, article));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, article.UncommittedAuditEntries, entry);
            if (entry is not null)
            {
                run.CheckTypedEvent(article.UncommittedAuditEntries[^1], EventTypes);
            }

            Check(run, model, article);
        }
    }

    /// <summary>The generator reaches every state, tries every command in every state, and breaks every rule (model only, fixed sample).</summary>
    [Fact]
    public void Generated_sequences_cover_every_state_command_and_rule()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(KnowledgeArticleState, KnowledgeArticleCommand, bool)>();
        var outcomes = new HashSet<string>();
        foreach (var scenario in KnowledgeArticleArbitraries.ScenarioGen.Sample(1000, new Rnd(20260302UL), 50))
        {
            var model = new KnowledgeArticleModel(new KnowledgeArticleWorld());
            foreach (var step in scenario.Steps.Where(s => s is not AdvanceClock and not AcceptAuditEntries))
            {
                var from = model.View.State;
                var expected = model.Apply(step, out _);
                tried.Add((from, CommandOf(step), expected.IsAccepted));
                commands++;
                accepted += expected.IsAccepted ? 1 : 0;
                outcomes.Add(expected switch
                {
                    Expected.RuleBroken r => r.Code,
                    Expected.BadArgument => "argument",
                    Expected.Refused => "refused",
                    _ => "accepted",
                });
            }
        }

        var missing = new List<string>();
        foreach (var state in Enum.GetValues<KnowledgeArticleState>())
        {
            foreach (var command in KnowledgeArticleLifecycle.Commands)
            {
                if (!tried.Contains((state, command, false)))
                {
                    missing.Add($"{command} refused in {state}");
                }

                if (KnowledgeArticleModel.Next(state, command) is not null && !tried.Contains((state, command, true)))
                {
                    missing.Add($"{command} accepted in {state}");
                }
            }
        }

        missing.AddRange(new[] { "ITSM-KB-UPDATE-001", "ITSM-KB-PUBLISH-001", "argument", "refused", "accepted" }.Where(code => !outcomes.Contains(code)));
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.Empty(missing);
    }

    private static void Check(ModelRun run, KnowledgeArticleModel model, KnowledgeArticle article)
    {
        run.Equal(model.View, KnowledgeArticleView.Of(article), "knowledge article");
        run.CheckPermitted(KnowledgeArticleLifecycle.Commands, model.Permits, article.PermittedCommands, article.Permits);
        run.True(article.State != KnowledgeArticleState.Published || (article.PublishedBy is not null && article.PublishedAt is not null),
            () => "a published article without its publisher");
        run.True(article.PublishedBy is null || article.PublishedBy.Id != article.Author.Id, () => "the author published their own article");
    }

    private static KnowledgeArticleCommand CommandOf(ModelStep step) => step switch
    {
        KnowledgeArticleSteps.Update => KnowledgeArticleCommand.Update,
        KnowledgeArticleSteps.Submit => KnowledgeArticleCommand.Submit,
        KnowledgeArticleSteps.SendBack => KnowledgeArticleCommand.SendBack,
        KnowledgeArticleSteps.Publish => KnowledgeArticleCommand.Publish,
        KnowledgeArticleSteps.Retire => KnowledgeArticleCommand.Retire,
        KnowledgeArticleSteps.Republish => KnowledgeArticleCommand.Republish,
        _ => throw new ArgumentException($"Not a command step: {step}", nameof(step)),
    };

    // Null arguments are passed on as they are: the article must refuse them.
    internal static void Execute(ModelStep step, KnowledgeArticle article)
    {
        switch (step)
        {
            case KnowledgeArticleSteps.Update s: article.Update(KnowledgeArticleWorld.Actor(s.Who)!, s.Title!, s.Body!); break;
            case KnowledgeArticleSteps.Submit s: article.Submit(KnowledgeArticleWorld.Actor(s.Who)!); break;
            case KnowledgeArticleSteps.SendBack s: article.SendBack(KnowledgeArticleWorld.Actor(s.Who)!, s.Reason!); break;
            case KnowledgeArticleSteps.Publish s: article.Publish(KnowledgeArticleWorld.Actor(s.Who)!); break;
            case KnowledgeArticleSteps.Retire s: article.Retire(KnowledgeArticleWorld.Actor(s.Who)!, s.Reason!); break;
            case KnowledgeArticleSteps.Republish s: article.Republish(KnowledgeArticleWorld.Actor(s.Who)!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
