using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Knowledge;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the knowledge article model test: one per command of <see cref="KnowledgeArticle"/>.</summary>
public static class KnowledgeArticleSteps
{
    public sealed record Update(Who Who, string? Title, string? Body) : ModelStep
    {
        public override string ToString() => $"Update({Who}, {Q(Title)}, {Q(Body)})";
    }

    public sealed record Submit(Who Who) : ModelStep
    {
        public override string ToString() => $"Submit({Who})";
    }

    public sealed record SendBack(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"SendBack({Who}, {Q(Reason)})";
    }

    public sealed record Publish(Who Who) : ModelStep
    {
        public override string ToString() => $"Publish({Who})";
    }

    public sealed record Retire(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Retire({Who}, {Q(Reason)})";
    }

    public sealed record Republish(Who Who) : ModelStep
    {
        public override string ToString() => $"Republish({Who})";
    }
}

/// <summary>What the model test can observe of a knowledge article (and what the model predicts).</summary>
public sealed record KnowledgeArticleView(
    KnowledgeArticleState State,
    string Title,
    string Body,
    string? SendBackReason,
    string? PublishedBy,
    Instant? PublishedAt,
    Instant? RetiredAt,
    string? RetirementReason,
    long Version)
{
    public static KnowledgeArticleView Of(KnowledgeArticle a) => new(
        a.State, a.Title, a.Body, a.SendBackReason, a.PublishedBy?.Id, a.PublishedAt, a.RetiredAt, a.RetirementReason, a.Version);
}

/// <summary>The world a knowledge article model test runs in; the author is <see cref="Who.Caller"/>.</summary>
public sealed class KnowledgeArticleWorld
{
    public const string Title = "Outlook keeps asking for a password";

    public const string Body = "Clear the cached credentials.";

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public KnowledgeArticleId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000007"));

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor("rita"),
        Who.CallerWithRole => new Actor("rita", "knowledge_manager"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "knowledge_manager"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}

/// <summary>
/// An independent model of the knowledge article lifecycle, written from docs/knowledge.md: the table of
/// state x command -> next state and each command's rules (an update changes something, the author does not
/// publish), in the documented order (arguments, state, rules).
/// </summary>
public sealed class KnowledgeArticleModel
{
    private readonly KnowledgeArticleWorld _world;

    public KnowledgeArticleModel(KnowledgeArticleWorld world)
    {
        _world = world;
        View = new KnowledgeArticleView(KnowledgeArticleState.Draft, KnowledgeArticleWorld.Title, KnowledgeArticleWorld.Body, null, null, null, null, null, 1);
    }

    public KnowledgeArticleView View { get; private set; }

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it.</summary>
    public static KnowledgeArticleState? Next(KnowledgeArticleState state, KnowledgeArticleCommand command) => (state, command) switch
    {
        (KnowledgeArticleState.Draft, KnowledgeArticleCommand.Update) => KnowledgeArticleState.Draft,
        (KnowledgeArticleState.Draft, KnowledgeArticleCommand.Submit) => KnowledgeArticleState.Review,
        (KnowledgeArticleState.Review, KnowledgeArticleCommand.SendBack) => KnowledgeArticleState.Draft,
        (KnowledgeArticleState.Review, KnowledgeArticleCommand.Publish) => KnowledgeArticleState.Published,
        (KnowledgeArticleState.Published, KnowledgeArticleCommand.Retire) => KnowledgeArticleState.Retired,
        (KnowledgeArticleState.Retired, KnowledgeArticleCommand.Republish) => KnowledgeArticleState.Review,
        _ => null,
    };

    public bool Permits(KnowledgeArticleCommand command) => Next(View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        var now = _world.Clock.GetCurrentInstant();
        switch (step)
        {
            case KnowledgeArticleSteps.Update s:
                return Command(KnowledgeArticleCommand.Update, s.Who, Args(s.Who, "actor").Blank(s.Title, "title").Blank(s.Body, "body"),
                    () => s.Title == View.Title && s.Body == View.Body ? "ITSM-KB-UPDATE-001" : null,
                    v => v with { Title = s.Title!, Body = s.Body! }, out entry);
            case KnowledgeArticleSteps.Submit s:
                return Command(KnowledgeArticleCommand.Submit, s.Who, Args(s.Who, "actor"), null, v => v, out entry);
            case KnowledgeArticleSteps.SendBack s:
                return Command(KnowledgeArticleCommand.SendBack, s.Who, Args(s.Who, "reviewer").Blank(s.Reason, "reason"), null,
                    v => v with { SendBackReason = s.Reason }, out entry);
            case KnowledgeArticleSteps.Publish s:
                return Command(KnowledgeArticleCommand.Publish, s.Who, Args(s.Who, "reviewer"),
                    () => s.Who is Who.Caller or Who.CallerWithRole ? "ITSM-KB-PUBLISH-001" : null,
                    v => v with { PublishedBy = KnowledgeArticleWorld.Actor(s.Who)!.Id, PublishedAt = now }, out entry);
            case KnowledgeArticleSteps.Retire s:
                return Command(KnowledgeArticleCommand.Retire, s.Who, Args(s.Who, "actor").Blank(s.Reason, "reason"), null,
                    v => v with { RetiredAt = now, RetirementReason = s.Reason }, out entry);
            case KnowledgeArticleSteps.Republish s:
                return Command(KnowledgeArticleCommand.Republish, s.Who, Args(s.Who, "actor"), null, v => v, out entry);
            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who, string name) => new Arguments().Null(KnowledgeArticleWorld.Actor(who), name);

    private Expected Command(KnowledgeArticleCommand command, Who who, Arguments arguments, Func<string?>? rule, Func<KnowledgeArticleView, KnowledgeArticleView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(from, command) is not { } to)
        {
            var permitted = Enum.GetValues<KnowledgeArticleCommand>().Where(c => Next(from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(KnowledgeArticle.RecordType, from.ToString(), command.ToString(), permitted);
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, KnowledgeArticle.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            KnowledgeArticleWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A new knowledge article and 20 to 60 random commands (most of them refused).</summary>
public sealed record KnowledgeArticleScenario(ModelStep[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().AppendLine("KnowledgeArticle.Create(...)");
        foreach (var step in Steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>FsCheck 3 arbitraries for the knowledge article model test.</summary>
public static class KnowledgeArticleArbitraries
{
    private static readonly Gen<string?> Title = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>(" ")),
        (3, Gen.Constant<string?>(KnowledgeArticleWorld.Title)),
        (3, Gen.Constant<string?>("Outlook password prompt")));

    private static readonly Gen<string?> Body = Gen.Frequency(
        (1, Gen.Constant<string?>("")),
        (4, Gen.Constant<string?>(KnowledgeArticleWorld.Body)),
        (3, Gen.Constant<string?>("Remove the stored credential, then sign in again.")));

    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (3, from w in ModelGens.Who from t in Title from b in Body select (ModelStep)new KnowledgeArticleSteps.Update(w, t, b)),
        (4, from w in ModelGens.Who select (ModelStep)new KnowledgeArticleSteps.Submit(w)),
        (2, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new KnowledgeArticleSteps.SendBack(w, r)),
        (4, from w in ModelGens.Who select (ModelStep)new KnowledgeArticleSteps.Publish(w)),
        (3, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new KnowledgeArticleSteps.Retire(w, r)),
        (3, from w in ModelGens.Who select (ModelStep)new KnowledgeArticleSteps.Republish(w)),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<KnowledgeArticleScenario> ScenarioGen { get; } = ModelGens.Steps(Step).Select(steps => new KnowledgeArticleScenario(steps));

    public static Arbitrary<KnowledgeArticleScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => new KnowledgeArticleScenario(steps)));
}
