using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Improvement;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Improvement;

/// <summary>Actors, a fake clock and improvement items in each state.</summary>
internal static class ImprovementItemFixtures
{
    public const string Kpi = "MeanTimeToResolve";

    public const string Title = "Self-service password reset";

    public static TenantId Tenant { get; } = new("acme");

    public static Actor Proposer { get; } = new("analyst.king", "itil");

    public static Actor Manager { get; } = new("manager.brown", "ci_manager");

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static IReadOnlyList<ImprovementItemState> AllStates { get; } = Enum.GetValues<ImprovementItemState>();

    public static IReadOnlyList<ImprovementItemCommand> AllCommands { get; } = Enum.GetValues<ImprovementItemCommand>();

    /// <summary>The commands each state permits, as docs/lifecycles/README.md lists them (declaration order).</summary>
    public static IReadOnlyDictionary<ImprovementItemState, ImprovementItemCommand[]> Permitted { get; } = new Dictionary<ImprovementItemState, ImprovementItemCommand[]>
    {
        [ImprovementItemState.Proposed] = [ImprovementItemCommand.Update, ImprovementItemCommand.Approve, ImprovementItemCommand.Reject],
        [ImprovementItemState.Approved] = [ImprovementItemCommand.Update, ImprovementItemCommand.Start],
        [ImprovementItemState.InProgress] = [ImprovementItemCommand.Update, ImprovementItemCommand.Complete],
        [ImprovementItemState.Done] = [],
        [ImprovementItemState.Rejected] = [],
    };

    public static ImprovementItemState Target(ImprovementItemState from, ImprovementItemCommand command) => command switch
    {
        ImprovementItemCommand.Approve => ImprovementItemState.Approved,
        ImprovementItemCommand.Reject => ImprovementItemState.Rejected,
        ImprovementItemCommand.Start => ImprovementItemState.InProgress,
        ImprovementItemCommand.Complete => ImprovementItemState.Done,
        _ => from,
    };

    public static FakeClock NewClock() => new(Monday0900);

    /// <summary>Mean time to resolve (lower is better) from 10 h to 6 h.</summary>
    public static ImprovementItem Propose(FakeClock clock, KpiDirection direction = KpiDirection.LowerIsBetter, ImprovementItemId? id = null) =>
        direction == KpiDirection.LowerIsBetter
            ? ImprovementItem.Propose(Tenant, id ?? ImprovementItemId.New(), Proposer, Title, Kpi, direction, 10m, 6m, clock)
            : ImprovementItem.Propose(Tenant, id ?? ImprovementItemId.New(), Proposer, "Knowledge at first contact", "FirstContactResolutionRate", direction, 0.6m, 0.75m, clock);

    /// <summary>An item brought to <paramref name="state"/> by the usual commands, five minutes apart.</summary>
    public static ImprovementItem InState(ImprovementItemState state, FakeClock clock, KpiDirection direction = KpiDirection.LowerIsBetter)
    {
        var item = Propose(clock, direction);
        void Step(Action<ImprovementItem> command)
        {
            clock.Advance(Duration.FromMinutes(5));
            command(item);
        }

        if (state is ImprovementItemState.Approved or ImprovementItemState.InProgress or ImprovementItemState.Done)
        {
            Step(i => i.Approve(Manager));
        }

        if (state is ImprovementItemState.InProgress or ImprovementItemState.Done)
        {
            Step(i => i.Start(Proposer));
        }

        if (state is ImprovementItemState.Done)
        {
            Step(i => i.Complete(Proposer, i.Target));
        }

        if (state is ImprovementItemState.Rejected)
        {
            Step(i => i.Reject(Manager, "Not now."));
        }

        Assert.Equal(state, item.State);
        clock.Advance(Duration.FromMinutes(5));
        return item;
    }

    /// <summary>Issues <paramref name="command"/> with valid arguments.</summary>
    public static void Issue(ImprovementItem item, ImprovementItemCommand command)
    {
        switch (command)
        {
            case ImprovementItemCommand.Update: item.Update(Proposer, item.Title + " (revised)", item.Baseline, item.Target); break;
            case ImprovementItemCommand.Approve: item.Approve(Manager); break;
            case ImprovementItemCommand.Reject: item.Reject(Manager, "No budget."); break;
            case ImprovementItemCommand.Start: item.Start(Proposer); break;
            case ImprovementItemCommand.Complete: item.Complete(Proposer, 5m); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    public static RecordProbe Probe(this ImprovementItem item) => RecordProbe.Of(
        ImprovementItem.RecordType,
        item.Id.ToString(),
        item.Tenant,
        () => item.State.ToString(),
        () => item.Version,
        () => item.UncommittedAuditEntries,
        () => ItemData.Of(item));

    private sealed record ItemData(
        string Title, decimal Baseline, decimal Target, Actor? DecidedBy, string? RejectionReason, decimal? MeasuredEffect, bool? TargetReached, Instant? CompletedAt)
    {
        public static ItemData Of(ImprovementItem i) => new(i.Title, i.Baseline, i.Target, i.DecidedBy, i.RejectionReason, i.MeasuredEffect, i.TargetReached, i.CompletedAt);
    }
}
