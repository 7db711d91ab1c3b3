using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Improvement;
using NodaTime;
using static Itsm.Core.Tests.Improvement.ImprovementItemFixtures;

namespace Itsm.Core.Tests.Improvement;

/// <summary>Every transition of the improvement item lifecycle: one audit entry and one version each, with the data it records.</summary>
public sealed class ImprovementItemTransitionTests
{
    public static TheoryData<ImprovementItemState, ImprovementItemCommand> PermittedPairs()
    {
        var data = new TheoryData<ImprovementItemState, ImprovementItemCommand>();
        foreach (var state in AllStates)
        {
            foreach (var command in Permitted[state])
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    [Fact]
    public void Propose_CreatesAProposedItemAtVersion1WithOneAuditEntry()
    {
        var clock = NewClock();
        var id = ImprovementItemId.New();

        var item = ImprovementItem.Propose(Tenant, id, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6.5m, clock);

        Assert.Equal(ImprovementItemState.Proposed, item.State);
        Assert.Equal(1, item.Version);
        Assert.Equal(Monday0900, item.ProposedAt);
        Assert.Equal((Tenant, id, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6.5m), (item.Tenant, item.Id, item.ProposedBy, item.Title, item.Kpi, item.Direction, item.Baseline, item.Target));
        Assert.Null(item.DecidedBy);
        Assert.Null(item.MeasuredEffect);
        Assert.Null(item.TargetReached);
        Assert.Null(item.CompletedAt);
        var entry = Assert.Single(item.UncommittedAuditEntries);
        RecordProbe.AssertEntry(entry, Tenant, "ImprovementItem", id.ToString(), 1, Monday0900, Proposer, "Propose", "Proposed", "Proposed",
            ("title", Title), ("kpi", Kpi), ("direction", "LowerIsBetter"), ("baseline", "10"), ("target", "6.5"));
        Assert.Equal($"ImprovementItem {id} (Proposed)", item.ToString());
    }

    [Fact]
    public void Propose_ForABuiltInKpi_TakesItsNameAndDirection()
    {
        var item = ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, KpiId.SlaCompliance, 0.9m, 0.95m, NewClock());

        Assert.Equal(("SlaCompliance", KpiDirection.HigherIsBetter), (item.Kpi, item.Direction));
        Assert.Equal("kpi", Assert.ThrowsAny<ArgumentException>(() =>
            ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, (KpiId)99, 1m, 2m, NewClock())).ParamName);
        Assert.Equal("ITSM-IMP-TARGET-001", Assert.Throws<DomainRuleViolationException>(() =>
            ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, KpiId.MeanTimeToResolve, 4m, 8m, NewClock())).Code);
    }

    [Theory]
    [MemberData(nameof(PermittedPairs))]
    public void EveryPermittedCommand_IsAcceptedWithOneAuditEntryAndOneVersion(ImprovementItemState state, ImprovementItemCommand command)
    {
        var clock = NewClock();
        var item = InState(state, clock);
        var probe = item.Probe();

        Issue(item, command);

        (string Key, string Value)[] data = command switch
        {
            ImprovementItemCommand.Update => [("title", Title + " (revised)"), ("baseline", "10"), ("target", "6")],
            ImprovementItemCommand.Reject => [("reason", "No budget.")],
            ImprovementItemCommand.Complete => [("measuredEffect", "5"), ("targetReached", "true")],
            _ => [],
        };
        var actor = command is ImprovementItemCommand.Approve or ImprovementItemCommand.Reject ? Manager : Proposer;
        var entry = probe.AssertAccepted(command.ToString(), state, Target(state, command), actor, clock.GetCurrentInstant(), data);
        Assert.NotNull(entry);
    }

    [Fact]
    public void Approve_RecordsTheApprover()
    {
        var item = InState(ImprovementItemState.Proposed, NewClock());

        item.Approve(Manager);

        Assert.Equal(ImprovementItemState.Approved, item.State);
        Assert.Equal(Manager, item.DecidedBy);
    }

    [Fact]
    public void Reject_RecordsTheReasonAndIsTerminal()
    {
        var item = InState(ImprovementItemState.Proposed, NewClock());

        item.Reject(Manager, "Duplicate of another item.");

        Assert.Equal(ImprovementItemState.Rejected, item.State);
        Assert.Equal(Manager, item.DecidedBy);
        Assert.Equal("Duplicate of another item.", item.RejectionReason);
        Assert.Empty(item.PermittedCommands);
    }

    [Fact]
    public void Start_MovesAnApprovedItemInProgress()
    {
        var item = InState(ImprovementItemState.Approved, NewClock());

        item.Start(Proposer);

        Assert.Equal(ImprovementItemState.InProgress, item.State);
    }

    [Theory]
    [InlineData(KpiDirection.LowerIsBetter, 6, true)]
    [InlineData(KpiDirection.LowerIsBetter, 5.9, true)]
    [InlineData(KpiDirection.LowerIsBetter, 6.1, false)]
    [InlineData(KpiDirection.LowerIsBetter, 12, false)]
    [InlineData(KpiDirection.HigherIsBetter, 0.75, true)]
    [InlineData(KpiDirection.HigherIsBetter, 0.9, true)]
    [InlineData(KpiDirection.HigherIsBetter, 0.74, false)]
    public void Complete_RecordsTheMeasuredEffectAndWhetherTheTargetWasReachedInTheKpisDirection(KpiDirection direction, double measured, bool reached)
    {
        var clock = NewClock();
        var item = InState(ImprovementItemState.InProgress, clock, direction);
        var value = (decimal)measured;

        item.Complete(Proposer, value);

        Assert.Equal(ImprovementItemState.Done, item.State);
        Assert.Equal(value, item.MeasuredEffect);
        Assert.Equal(reached, item.TargetReached);
        Assert.Equal(clock.GetCurrentInstant(), item.CompletedAt);
        Assert.Equal(reached ? "true" : "false", item.UncommittedAuditEntries[^1].Data["targetReached"]);
        Assert.Empty(item.PermittedCommands);
    }

    [Theory]
    [InlineData(ImprovementItemState.Proposed)]
    [InlineData(ImprovementItemState.Approved)]
    [InlineData(ImprovementItemState.InProgress)]
    public void Update_WhileOpen_RevisesTitleBaselineAndTargetInTheSameState(ImprovementItemState state)
    {
        var item = InState(state, NewClock());

        item.Update(Manager, "Password reset portal", 12m, 4m);

        Assert.Equal(state, item.State);
        Assert.Equal(("Password reset portal", 12m, 4m), (item.Title, item.Baseline, item.Target));
    }

    [Fact]
    public void TheMachineIsConfiguredOnceAndCommandsShareIt()
    {
        var item = InState(ImprovementItemState.InProgress, NewClock());

        item.Update(Proposer, "a", 10m, 6m);
        item.Update(Proposer, "b", 10m, 6m);
        item.Complete(Proposer, 6m);

        Assert.Equal(6, item.Version);
        Assert.Equal(Enumerable.Range(1, 6).Select(v => (long)v), item.UncommittedAuditEntries.Select(e => e.Version));
    }

    [Fact]
    public void AcceptAuditEntries_ClearsTheUncommittedEntriesButKeepsTheVersion()
    {
        var item = InState(ImprovementItemState.Approved, NewClock());

        item.AcceptAuditEntries();

        Assert.Empty(item.UncommittedAuditEntries);
        Assert.Equal(2, item.Version);
        item.Start(Proposer);
        Assert.Equal(3, Assert.Single(item.UncommittedAuditEntries).Version);
    }

    [Fact]
    public void Improves_And_Reaches_FollowTheDirection()
    {
        Assert.True(ImprovementItem.Improves(KpiDirection.HigherIsBetter, 1m, 2m));
        Assert.False(ImprovementItem.Improves(KpiDirection.HigherIsBetter, 2m, 2m));
        Assert.True(ImprovementItem.Improves(KpiDirection.LowerIsBetter, 2m, 1m));
        Assert.False(ImprovementItem.Improves(KpiDirection.LowerIsBetter, 1m, 2m));
        Assert.True(ImprovementItem.Reaches(KpiDirection.HigherIsBetter, 2m, 2m));
        Assert.True(ImprovementItem.Reaches(KpiDirection.LowerIsBetter, 2m, 2m));
        Assert.False(ImprovementItem.Reaches(KpiDirection.LowerIsBetter, 2m, 2.01m));
    }

    [Fact]
    public void ImprovementItemId_NewIsRandomAndPrintsAsADGuid()
    {
        Assert.NotEqual(Guid.Empty, ImprovementItemId.New().Value);
        Assert.NotEqual(ImprovementItemId.New(), ImprovementItemId.New());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", new ImprovementItemId(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")).ToString());
    }

    [Fact]
    public void ToMermaid_ShowsEveryTransition()
    {
        string mermaid = ImprovementItemLifecycle.ToMermaid();

        Assert.Contains("Proposed --> Approved : Approve", mermaid, StringComparison.Ordinal);
        Assert.Contains("Proposed --> Rejected : Reject", mermaid, StringComparison.Ordinal);
        Assert.Contains("Approved --> InProgress : Start", mermaid, StringComparison.Ordinal);
        Assert.Contains("InProgress --> Done : Complete", mermaid, StringComparison.Ordinal);
        Assert.Equal(AllCommands, ImprovementItemLifecycle.Commands);
    }
}
