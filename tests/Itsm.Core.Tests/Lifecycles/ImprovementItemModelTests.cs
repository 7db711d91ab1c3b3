using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Improvement;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the improvement item lifecycle: a new item receives 20 to 60 random commands
/// with random, often invalid, arguments (most of them refused), interleaved with clock moves and
/// saves. After every step the item must agree with <see cref="ImprovementItemModel"/>: the same
/// outcome, state, title, baseline, target, decision, measured effect and version, exactly one more
/// audit entry when accepted and nothing changed when refused, and the same permitted commands.
/// </summary>
public sealed class ImprovementItemModelTests
{
    /// <summary>The event type each audit command reads as.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> EventTypes = new Dictionary<string, Type>
    {
        ["Propose"] = typeof(ImprovementItemProposed),
        ["Update"] = typeof(ImprovementItemUpdated),
        ["Approve"] = typeof(ImprovementItemApproved),
        ["Reject"] = typeof(ImprovementItemRejected),
        ["Start"] = typeof(ImprovementItemStarted),
        ["Complete"] = typeof(ImprovementItemCompleted),
    };

    [Property(Arbitrary = [typeof(ImprovementItemArbitraries)], MaxTest = 1000)]
    public void Every_command_sequence_follows_the_model(ImprovementItemScenario scenario)
    {
        var world = new ImprovementItemWorld(scenario.Direction);
        var run = new ModelRun($"ImprovementItem.Propose(acme, rita, {scenario.Direction})");
        var proposer = ImprovementItemWorld.Actor(Who.Caller)!;
        var item = ImprovementItem.Propose(world.Tenant, world.Id, proposer, ImprovementItemWorld.Title, "MeanTimeToResolve", world.Direction, world.Baseline, world.Target, world.Clock);
        var model = new ImprovementItemModel(world);
        run.CheckAudit([], item.UncommittedAuditEntries, new ExpectedEntry(
            world.Tenant, ImprovementItem.RecordType, world.Id.ToString(), 1, ImprovementItemWorld.Start, proposer, "Propose", "Proposed", "Proposed"));
        run.CheckTypedEvent(item.UncommittedAuditEntries[0], EventTypes);
        Check(run, model, item);

        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case AdvanceClock a:
                    world.Clock.Advance(a.By);
                    run.Log(step);
                    continue;
                case AcceptAuditEntries:
                    item.AcceptAuditEntries();
                    run.Log(step);
                    run.Equal(0, item.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                    continue;
            }

            var before = item.UncommittedAuditEntries.ToArray();
            var fromState = model.View.State;
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            run.True(!(ImprovementItemModel.IsTerminal(fromState) && expected.IsAccepted), () => "the model accepted a command in a terminal state");

            var thrown = ModelRun.Capture(() => Execute(step, item));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, item.UncommittedAuditEntries, entry);
            if (entry is not null)
            {
                run.CheckTypedEvent(item.UncommittedAuditEntries[^1], EventTypes);
            }

            Check(run, model, item);
        }
    }

    /// <summary>The generator reaches every state, tries every command in every state, and breaks every rule (model only, fixed sample).</summary>
    [Fact]
    public void Generated_sequences_cover_every_state_command_and_rule()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(ImprovementItemState, ImprovementItemCommand, bool)>();
        var outcomes = new HashSet<string>();
        foreach (var scenario in ImprovementItemArbitraries.ScenarioGen.Sample(1000, new Rnd(20260302UL), 50))
        {
            var model = new ImprovementItemModel(new ImprovementItemWorld(scenario.Direction));
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
        foreach (var state in Enum.GetValues<ImprovementItemState>())
        {
            foreach (var command in ImprovementItemLifecycle.Commands)
            {
                if (!tried.Contains((state, command, false)))
                {
                    missing.Add($"{command} refused in {state}");
                }

                if (ImprovementItemModel.Next(state, command) is not null && !tried.Contains((state, command, true)))
                {
                    missing.Add($"{command} accepted in {state}");
                }
            }
        }

        missing.AddRange(new[] { "ITSM-IMP-TARGET-001", "ITSM-IMP-UPDATE-001", "ITSM-IMP-APPROVE-001", "argument", "refused", "accepted" }
            .Where(code => !outcomes.Contains(code)));
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.Empty(missing);
    }

    private static void Check(ModelRun run, ImprovementItemModel model, ImprovementItem item)
    {
        run.Equal(model.View, ImprovementItemView.Of(item), "improvement item");
        run.CheckPermitted(ImprovementItemLifecycle.Commands, model.Permits, item.PermittedCommands, item.Permits);
        if (ImprovementItemModel.IsTerminal(item.State))
        {
            run.Equal(0, item.PermittedCommands.Count, "commands permitted in a terminal state");
        }

        run.True(ImprovementItem.Improves(item.Direction, item.Baseline, item.Target), () => "the target does not improve on the baseline");
        run.True((item.State == ImprovementItemState.Done) == item.MeasuredEffect.HasValue, () => "a measured effect outside Done");
    }

    private static ImprovementItemCommand CommandOf(ModelStep step) => step switch
    {
        ImprovementItemSteps.Update => ImprovementItemCommand.Update,
        ImprovementItemSteps.Approve => ImprovementItemCommand.Approve,
        ImprovementItemSteps.Reject => ImprovementItemCommand.Reject,
        ImprovementItemSteps.Start => ImprovementItemCommand.Start,
        ImprovementItemSteps.Complete => ImprovementItemCommand.Complete,
        _ => throw new ArgumentException($"Not a command step: {step}", nameof(step)),
    };

    // Null arguments are passed on as they are: the item must refuse them.
    private static void Execute(ModelStep step, ImprovementItem item)
    {
        switch (step)
        {
            case ImprovementItemSteps.Update s: item.Update(ImprovementItemWorld.Actor(s.Who)!, s.Title!, s.Baseline, s.Target); break;
            case ImprovementItemSteps.Approve s: item.Approve(ImprovementItemWorld.Actor(s.Who)!); break;
            case ImprovementItemSteps.Reject s: item.Reject(ImprovementItemWorld.Actor(s.Who)!, s.Reason!); break;
            case ImprovementItemSteps.Start s: item.Start(ImprovementItemWorld.Actor(s.Who)!); break;
            case ImprovementItemSteps.Complete s: item.Complete(ImprovementItemWorld.Actor(s.Who)!, s.Measured); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
