using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Persistence;
using NodaTime;
using static Itsm.Core.Tests.Improvement.ImprovementItemFixtures;

using Itsm.Core.Tests.Incidents;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The typed improvement item commands through the engine: each one writes the audit entry the item's
/// method of the same name writes, the authorizer sees the command object itself, and an idempotency
/// key replays the same command and refuses a different one.
/// </summary>
public sealed class ImprovementItemCommandTests
{
    public static TheoryData<string> Paths => new(PathsByName.Keys);

    private static readonly Dictionary<string, (Actor Actor, RecordCommand<ImprovementItem> Command, Action<ImprovementItem, Actor> Direct)[]> PathsByName = new()
    {
        ["updated, approved, started and completed"] =
        [
            (Proposer, new UpdateImprovementItem("Self-service password reset, phase 1", 10.0m, 6.25m), (i, a) => i.Update(a, "Self-service password reset, phase 1", 10.0m, 6.25m)),
            (Manager, new ApproveImprovementItem(), (i, a) => i.Approve(a)),
            (Proposer, new StartImprovementItem(), (i, a) => i.Start(a)),
            (Proposer, new CompleteImprovementItem(6.30m), (i, a) => i.Complete(a, 6.30m)),
        ],
        ["rejected"] =
        [
            (Manager, new RejectImprovementItem("Not now."), (i, a) => i.Reject(a, "Not now.")),
        ],
    };

    private static ProposeImprovementItem Proposal(decimal target = 6.5m) => new(Title, Kpi, KpiDirection.LowerIsBetter, 10m, target);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Each_typed_command_writes_the_entry_its_method_writes(string path)
    {
        var test = new EngineHarness();
        var id = ImprovementItemId.New();
        var direct = ImprovementItem.Propose(Tenant, id, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6.5m, test.Clock);

        var proposed = await test.Engine.ImprovementItems.CreateAsync(Tenant, id, Proposer, Proposal());
        AuditAssert.SameEntry(direct.UncommittedAuditEntries[0], Assert.Single(proposed.Events));
        foreach (var (actor, command, run) in PathsByName[path])
        {
            test.Clock.Advance(Duration.FromHours(1));
            run(direct, actor);
            var result = await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, actor, command);
            AuditAssert.SameEntry(direct.UncommittedAuditEntries[^1], Assert.Single(result.Events));
        }

        await test.AssertHistoryAsync(Tenant, ImprovementItem.RecordType, id, direct.UncommittedAuditEntries);
        var stored = await test.Engine.ImprovementItems.GetAsync(Tenant, id, IncidentFixtures.Agent);
        Assert.Equal(
            (direct.State, direct.Version, direct.Title, direct.Baseline, direct.Target, direct.DecidedBy, direct.MeasuredEffect, direct.TargetReached, direct.CompletedAt),
            (stored.State, stored.Version, stored.Title, stored.Baseline, stored.Target, stored.DecidedBy, stored.MeasuredEffect, stored.TargetReached, stored.CompletedAt));
    }

    [Fact]
    public async Task The_decider_is_the_engine_s_actor_and_may_not_be_the_proposer()
    {
        var test = new EngineHarness();
        var id = ImprovementItemId.New();
        await test.Engine.ImprovementItems.CreateAsync(Tenant, id, Proposer, Proposal());

        var own = await Assert.ThrowsAsync<DomainRuleViolationException>(() => test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new ApproveImprovementItem()));
        var approved = await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Manager, new ApproveImprovementItem());

        Assert.Equal("ITSM-IMP-APPROVE-001", own.Code);
        Assert.Equal(Manager, approved.Record.DecidedBy);
        Assert.Equal(Manager, approved.Events[0].Actor);
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_a_refusal_writes_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not CompleteImprovementItem { MeasuredEffect: > 8m });
        var id = ImprovementItemId.New();
        var proposal = Proposal();
        await test.Engine.ImprovementItems.CreateAsync(Tenant, id, Proposer, proposal);
        await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Manager, new ApproveImprovementItem());
        await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new StartImprovementItem());
        var complete = new CompleteImprovementItem(9m);

        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, complete));

        Assert.Same(complete, error.Command);
        Assert.Same(proposal, test.Asked[0]);
        Assert.Same(complete, test.Asked[^1]);
        var stored = await test.Engine.ImprovementItems.GetAsync(Tenant, id, IncidentFixtures.Agent);
        Assert.Equal((ImprovementItemState.InProgress, 3L, (decimal?)null), (stored.State, stored.Version, stored.MeasuredEffect));
        Assert.Equal(3, (await test.HistoryAsync(Tenant, ImprovementItem.RecordType, id)).Count);
        // The rule looks at the arguments: another measured value goes through.
        var done = await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new CompleteImprovementItem(6m));
        Assert.Equal(ImprovementItemState.Done, done.Record.State);
    }

    [Fact]
    public async Task A_refused_proposal_creates_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not ProposeImprovementItem);
        var id = ImprovementItemId.New();

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.ImprovementItems.CreateAsync(Tenant, id, Proposer, Proposal()));

        Assert.Null(await test.Engine.ImprovementItems.FindAsync(Tenant, id, IncidentFixtures.Agent));
        Assert.Empty(await test.HistoryAsync(Tenant, ImprovementItem.RecordType, id));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_command_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var id = ImprovementItemId.New();
        await test.Engine.ImprovementItems.CreateAsync(Tenant, id, Proposer, Proposal());
        var options = new CommandOptions { IdempotencyKey = "update-1" };

        var first = await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new UpdateImprovementItem("Revised", 10m, 6m), options);
        var again = await test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new UpdateImprovementItem("Revised", 10m, 6m), options);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new UpdateImprovementItem("Revised", 10m, 5m), options));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ImprovementItems.ExecuteAsync(Tenant, id, Proposer, new UpdateImprovementItem("Revised again", 10m, 6m), options));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(2, again.Version);
        Assert.Empty(again.Events);
        Assert.Equal(2, (await test.HistoryAsync(Tenant, ImprovementItem.RecordType, id)).Count);
    }

    [Fact]
    public async Task An_idempotency_key_on_a_proposal_replays_the_first_item_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var first = ImprovementItemId.New();
        var options = new CommandOptions { IdempotencyKey = "propose-1" };

        await test.Engine.ImprovementItems.CreateAsync(Tenant, first, Proposer, Proposal(), options);
        var retry = await test.Engine.ImprovementItems.CreateAsync(Tenant, ImprovementItemId.New(), Proposer, Proposal(), options);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ImprovementItems.CreateAsync(Tenant, ImprovementItemId.New(), Proposer, Proposal(target: 7m), options));

        Assert.True(retry.Replayed);
        Assert.Equal(first, retry.Record.Id);
    }
}
