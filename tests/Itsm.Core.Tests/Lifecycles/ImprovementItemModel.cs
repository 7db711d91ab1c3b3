using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the improvement item model test: one per command of <see cref="ImprovementItem"/>.</summary>
public static class ImprovementItemSteps
{
    public sealed record Update(Who Who, string? Title, int Baseline, int Target) : ModelStep
    {
        public override string ToString() => $"Update({Who}, {Q(Title)}, {Baseline}, {Target})";
    }

    public sealed record Approve(Who Who) : ModelStep
    {
        public override string ToString() => $"Approve({Who})";
    }

    public sealed record Reject(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Reject({Who}, {Q(Reason)})";
    }

    public sealed record Start(Who Who) : ModelStep
    {
        public override string ToString() => $"Start({Who})";
    }

    public sealed record Complete(Who Who, int Measured) : ModelStep
    {
        public override string ToString() => $"Complete({Who}, {Measured})";
    }
}

/// <summary>What the model test can observe of an improvement item (and what the model predicts).</summary>
public sealed record ImprovementItemView(
    ImprovementItemState State,
    string Title,
    decimal Baseline,
    decimal Target,
    string? DecidedBy,
    string? RejectionReason,
    decimal? MeasuredEffect,
    bool? TargetReached,
    Instant? CompletedAt,
    long Version)
{
    public static ImprovementItemView Of(ImprovementItem i) => new(
        i.State, i.Title, i.Baseline, i.Target, i.DecidedBy?.Id, i.RejectionReason, i.MeasuredEffect, i.TargetReached, i.CompletedAt, i.Version);
}

/// <summary>The world an improvement item model test runs in; the proposer is <see cref="Who.Caller"/>.</summary>
public sealed class ImprovementItemWorld
{
    public const string Title = "Self-service password reset";

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public ImprovementItemWorld(KpiDirection direction)
    {
        Direction = direction;
    }

    public KpiDirection Direction { get; }

    public decimal Baseline => Direction == KpiDirection.LowerIsBetter ? 20m : 10m;

    public decimal Target => Direction == KpiDirection.LowerIsBetter ? 10m : 20m;

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public ImprovementItemId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000006"));

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor("rita"),
        Who.CallerWithRole => new Actor("rita", "ci_manager"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "ci_manager"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}

/// <summary>
/// An independent model of the improvement item lifecycle, written from docs/lifecycles/README.md: the
/// table of state x command -> next state and each command's rules (an update changes something, the
/// target improves on the baseline in the KPI's direction, the proposer does not decide), in the
/// documented order (arguments, state, rules).
/// </summary>
public sealed class ImprovementItemModel
{
    private readonly ImprovementItemWorld _world;

    public ImprovementItemModel(ImprovementItemWorld world)
    {
        _world = world;
        View = new ImprovementItemView(ImprovementItemState.Proposed, ImprovementItemWorld.Title, world.Baseline, world.Target, null, null, null, null, null, 1);
    }

    public ImprovementItemView View { get; private set; }

    public static bool IsTerminal(ImprovementItemState state) => state is ImprovementItemState.Done or ImprovementItemState.Rejected;

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it.</summary>
    public static ImprovementItemState? Next(ImprovementItemState state, ImprovementItemCommand command)
    {
        const ImprovementItemState p = ImprovementItemState.Proposed, a = ImprovementItemState.Approved, i = ImprovementItemState.InProgress;
        return (state, command) switch
        {
            (p or a or i, ImprovementItemCommand.Update) => state,
            (p, ImprovementItemCommand.Approve) => a,
            (p, ImprovementItemCommand.Reject) => ImprovementItemState.Rejected,
            (a, ImprovementItemCommand.Start) => i,
            (i, ImprovementItemCommand.Complete) => ImprovementItemState.Done,
            _ => null,
        };
    }

    public bool Permits(ImprovementItemCommand command) => Next(View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        switch (step)
        {
            case ImprovementItemSteps.Update s:
                return Command(ImprovementItemCommand.Update, s.Who, Args(s.Who, "actor").Blank(s.Title, "title"),
                    () => s.Title == View.Title && s.Baseline == View.Baseline && s.Target == View.Target ? "ITSM-IMP-UPDATE-001"
                        : !Better(s.Baseline, s.Target) ? "ITSM-IMP-TARGET-001"
                        : null,
                    v => v with { Title = s.Title!, Baseline = s.Baseline, Target = s.Target }, out entry);

            case ImprovementItemSteps.Approve s:
                return Command(ImprovementItemCommand.Approve, s.Who, Args(s.Who, "approver"), () => Proposer(s.Who),
                    v => v with { DecidedBy = ImprovementItemWorld.Actor(s.Who)!.Id }, out entry);

            case ImprovementItemSteps.Reject s:
                return Command(ImprovementItemCommand.Reject, s.Who, Args(s.Who, "approver").Blank(s.Reason, "reason"), () => Proposer(s.Who),
                    v => v with { DecidedBy = ImprovementItemWorld.Actor(s.Who)!.Id, RejectionReason = s.Reason }, out entry);

            case ImprovementItemSteps.Start s:
                return Command(ImprovementItemCommand.Start, s.Who, Args(s.Who, "actor"), null, v => v, out entry);

            case ImprovementItemSteps.Complete s:
                return Command(ImprovementItemCommand.Complete, s.Who, Args(s.Who, "actor"), null,
                    v => v with
                    {
                        MeasuredEffect = s.Measured,
                        TargetReached = _world.Direction == KpiDirection.LowerIsBetter ? s.Measured <= v.Target : s.Measured >= v.Target,
                        CompletedAt = _world.Clock.GetCurrentInstant(),
                    }, out entry);

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who, string name) => new Arguments().Null(ImprovementItemWorld.Actor(who), name);

    // The proposer is "rita" (Who.Caller); ids decide, not roles.
    private static string? Proposer(Who who) => who is Who.Caller or Who.CallerWithRole ? "ITSM-IMP-APPROVE-001" : null;

    private bool Better(decimal baseline, decimal target) => _world.Direction == KpiDirection.LowerIsBetter ? target < baseline : target > baseline;

    private Expected Command(ImprovementItemCommand command, Who who, Arguments arguments, Func<string?>? rule, Func<ImprovementItemView, ImprovementItemView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(from, command) is not { } to)
        {
            var permitted = Enum.GetValues<ImprovementItemCommand>().Where(c => Next(from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(ImprovementItem.RecordType, from.ToString(), command.ToString(), permitted);
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, ImprovementItem.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            ImprovementItemWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A new improvement item for a KPI of the given direction and 20 to 60 random commands (most of them refused).</summary>
public sealed record ImprovementItemScenario(KpiDirection Direction, ModelStep[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().Append("ImprovementItem.Propose(..., ").Append(Direction).AppendLine(")");
        foreach (var step in Steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>FsCheck 3 arbitraries for the improvement item model test.</summary>
public static class ImprovementItemArbitraries
{
    private static readonly Gen<int> Value = Gen.Elements(5, 10, 15, 20, 25);

    private static readonly Gen<string?> Title = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>(" ")),
        (3, Gen.Constant<string?>(ImprovementItemWorld.Title)),
        (3, Gen.Constant<string?>("Password reset portal")));

    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (4, from w in ModelGens.Who from t in Title from b in Value from g in Value select (ModelStep)new ImprovementItemSteps.Update(w, t, b, g)),
        (4, from w in ModelGens.Who select (ModelStep)new ImprovementItemSteps.Approve(w)),
        (2, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new ImprovementItemSteps.Reject(w, r)),
        (3, from w in ModelGens.Who select (ModelStep)new ImprovementItemSteps.Start(w)),
        (3, from w in ModelGens.Who from m in Value select (ModelStep)new ImprovementItemSteps.Complete(w, m)),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<ImprovementItemScenario> ScenarioGen { get; } =
        from direction in Gen.Elements(KpiDirection.HigherIsBetter, KpiDirection.LowerIsBetter)
        from steps in ModelGens.Steps(Step)
        select new ImprovementItemScenario(direction, steps);

    public static Arbitrary<ImprovementItemScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => new ImprovementItemScenario(s.Direction, steps)));
}
