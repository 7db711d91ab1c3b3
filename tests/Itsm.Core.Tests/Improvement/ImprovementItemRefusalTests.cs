using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Improvement;
using static Itsm.Core.Tests.Improvement.ImprovementItemFixtures;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// Every refusal of the improvement item lifecycle: the arguments (ArgumentException naming the
/// parameter), the state (InvalidTransitionException) and the rules (DomainRuleViolationException with
/// its ITSM-IMP code), in that order; a refused command changes nothing.
/// </summary>
public sealed class ImprovementItemRefusalTests
{
    public static TheoryData<ImprovementItemState> States() => new(AllStates);

    public static TheoryData<ImprovementItemState, ImprovementItemCommand> RefusedByState()
    {
        var data = new TheoryData<ImprovementItemState, ImprovementItemCommand>();
        foreach (var state in AllStates)
        {
            foreach (var command in AllCommands.Except(Permitted[state]))
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public void PermittedCommands_InEachState_AreTheCommandsTheReadmeLists(ImprovementItemState state)
    {
        var item = InState(state, NewClock());

        Assert.Equal(Permitted[state], item.PermittedCommands);
        Assert.Equal(Permitted[state], ImprovementItemLifecycle.Commands.Where(item.Permits));
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(ImprovementItemState state, ImprovementItemCommand command)
    {
        var item = InState(state, NewClock());
        var probe = item.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(item, command));

        TransitionAssert.Names(ex, "ImprovementItem", state.ToString(), command.ToString(), TransitionAssert.Names(Permitted[state]));
        probe.AssertUnchanged();
    }

    [Fact]
    public void InATerminalState_TheMessageSaysItIsTerminal()
    {
        var item = InState(ImprovementItemState.Done, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => item.Update(Proposer, "x", 10m, 5m));

        Assert.Equal("ImprovementItem in state Done cannot Update: the state is terminal and permits no command.", ex.Message);
    }

    // The rules.

    [Theory]
    [InlineData(KpiDirection.LowerIsBetter, 10, 10)]
    [InlineData(KpiDirection.LowerIsBetter, 10, 12)]
    [InlineData(KpiDirection.HigherIsBetter, 0.8, 0.8)]
    [InlineData(KpiDirection.HigherIsBetter, 0.8, 0.7)]
    public void Propose_WithATargetThatDoesNotImproveOnTheBaseline_BreaksTarget001(KpiDirection direction, double baseline, double target)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, Kpi, direction, (decimal)baseline, (decimal)target, NewClock()));

        Assert.Equal("ITSM-IMP-TARGET-001", ex.Code);
    }

    [Theory]
    [InlineData(ImprovementItemState.Proposed)]
    [InlineData(ImprovementItemState.Approved)]
    [InlineData(ImprovementItemState.InProgress)]
    public void Update_WithATargetThatDoesNotImproveOnTheBaseline_BreaksTarget001AndChangesNothing(ImprovementItemState state)
    {
        var item = InState(state, NewClock());
        var probe = item.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => item.Update(Proposer, "Revised", 10m, 11m));

        Assert.Equal("ITSM-IMP-TARGET-001", ex.Code);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Update_ThatChangesNothing_BreaksUpdate001BeforeTheTargetRule()
    {
        var item = InState(ImprovementItemState.Proposed, NewClock());
        var probe = item.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => item.Update(Manager, item.Title, item.Baseline, item.Target));

        Assert.Equal("ITSM-IMP-UPDATE-001", ex.Code);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Approve_ByTheProposer_BreaksApprove001EvenWithOtherRoles()
    {
        var item = InState(ImprovementItemState.Proposed, NewClock());
        var probe = item.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => item.Approve(new Actor(Proposer.Id, "ci_manager")));

        Assert.Equal("ITSM-IMP-APPROVE-001", ex.Code);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Reject_ByTheProposer_BreaksApprove001()
    {
        var item = InState(ImprovementItemState.Proposed, NewClock());
        var probe = item.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => item.Reject(Proposer, "Changed my mind."));

        Assert.Equal("ITSM-IMP-APPROVE-001", ex.Code);
        probe.AssertUnchanged();
    }

    [Fact]
    public void TheStateIsCheckedBeforeTheRules()
    {
        var item = InState(ImprovementItemState.Approved, NewClock());

        Assert.Throws<InvalidTransitionException>(() => item.Approve(Proposer));
    }

    // The arguments.

    [Fact]
    public void Propose_RefusesInvalidArgumentsNamingTheParameter()
    {
        var clock = NewClock();
        var id = ImprovementItemId.New();
        ArgumentException Bad(Action a) => Assert.ThrowsAny<ArgumentException>(a);

        Assert.Equal("tenant", Bad(() => ImprovementItem.Propose(default, id, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6m, clock)).ParamName);
        Assert.Equal("id", Bad(() => ImprovementItem.Propose(Tenant, default, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6m, clock)).ParamName);
        Assert.Equal("proposedBy", Bad(() => ImprovementItem.Propose(Tenant, id, null!, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6m, clock)).ParamName);
        Assert.Equal("title", Bad(() => ImprovementItem.Propose(Tenant, id, Proposer, " ", Kpi, KpiDirection.LowerIsBetter, 10m, 6m, clock)).ParamName);
        Assert.Equal("kpi", Bad(() => ImprovementItem.Propose(Tenant, id, Proposer, Title, "", KpiDirection.LowerIsBetter, 10m, 6m, clock)).ParamName);
        Assert.Equal("direction", Bad(() => ImprovementItem.Propose(Tenant, id, Proposer, Title, Kpi, (KpiDirection)7, 10m, 6m, clock)).ParamName);
        Assert.Equal("clock", Bad(() => ImprovementItem.Propose(Tenant, id, Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6m, null!)).ParamName);
    }

    [Fact]
    public void Propose_ChecksArgumentsBeforeTheTargetRule()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, " ", Kpi, KpiDirection.LowerIsBetter, 10m, 20m, NewClock()));

        Assert.Equal("title", ex.ParamName);
    }

    [Fact]
    public void Commands_RefuseInvalidArgumentsBeforeTheStateAndChangeNothing()
    {
        var item = InState(ImprovementItemState.Done, NewClock());
        var probe = item.Probe();
        ArgumentException Bad(Action a) => Assert.ThrowsAny<ArgumentException>(a);

        Assert.Equal("actor", Bad(() => item.Update(null!, "x", 10m, 6m)).ParamName);
        Assert.Equal("title", Bad(() => item.Update(Proposer, " ", 10m, 6m)).ParamName);
        Assert.Equal("approver", Bad(() => item.Approve(null!)).ParamName);
        Assert.Equal("approver", Bad(() => item.Reject(null!, "r")).ParamName);
        Assert.Equal("reason", Bad(() => item.Reject(Manager, "")).ParamName);
        Assert.Equal("actor", Bad(() => item.Start(null!)).ParamName);
        Assert.Equal("actor", Bad(() => item.Complete(null!, 1m)).ParamName);
        probe.AssertUnchanged();
    }
}
