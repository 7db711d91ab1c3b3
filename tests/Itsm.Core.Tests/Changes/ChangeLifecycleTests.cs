using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>
/// The change's state table per type, as docs/lifecycles/README.md lists it: what each state
/// permits, that everything else is refused naming the state and changing nothing, and that every
/// permitted command is accepted with one audit entry and one version.
/// </summary>
public sealed class ChangeLifecycleTests
{
    public static TheoryData<ChangeType, ChangeState> ReachableStates()
    {
        var data = new TheoryData<ChangeType, ChangeState>();
        foreach (var type in AllTypes)
        {
            foreach (var state in Reachable[type])
            {
                data.Add(type, state);
            }
        }

        return data;
    }

    public static TheoryData<ChangeType, ChangeState, ChangeCommand> RefusedByState()
    {
        var data = new TheoryData<ChangeType, ChangeState, ChangeCommand>();
        foreach (var type in AllTypes)
        {
            foreach (var state in Reachable[type])
            {
                foreach (var command in AllCommands.Except(Permitted[(type, state)]))
                {
                    data.Add(type, state, command);
                }
            }
        }

        return data;
    }

    public static TheoryData<ChangeType, ChangeState, ChangeCommand> PermittedTriples()
    {
        var data = new TheoryData<ChangeType, ChangeState, ChangeCommand>();
        foreach (var type in AllTypes)
        {
            foreach (var state in Reachable[type])
            {
                // ApprovalOverdue needs a level with a due time, which the default authorities lack: ApprovalOverdueTests cover it.
                foreach (var command in Permitted[(type, state)].Where(c => (!IsScopeEdit(c) || state is ChangeState.New or ChangeState.Assess) && c != ChangeCommand.ApprovalOverdue))
                {
                    data.Add(type, state, command);
                }
            }
        }

        return data;
    }

    public static TheoryData<ChangeType, ChangeState, ChangeCommand> ScopeEditsAfterAuthorisation()
    {
        var data = new TheoryData<ChangeType, ChangeState, ChangeCommand>();
        foreach (var type in AllTypes)
        {
            foreach (var state in Reachable[type].Where(s => s is not (ChangeState.New or ChangeState.Assess)))
            {
                foreach (var command in Permitted[(type, state)].Where(IsScopeEdit))
                {
                    data.Add(type, state, command);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScopeEditsAfterAuthorisation))]
    public void A_scope_edit_once_authorisation_was_asked_for_is_refused_by_the_scope_rule_and_changes_nothing(ChangeType type, ChangeState state, ChangeCommand command)
    {
        var change = Ready(type, state, NewClock());
        var probe = change.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => Issue(change, command));

        Assert.Equal("ITSM-CHG-SCOPE-001", ex.Code);
        Assert.False(change.IsScopeEditable);
        probe.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(ReachableStates))]
    public void PermittedCommands_PerTypeAndState_AreTheCommandsTheReadmeLists(ChangeType type, ChangeState state)
    {
        var change = InState(type, state, NewClock());

        Assert.Equal(Permitted[(type, state)], change.PermittedCommands);
        Assert.Equal(Permitted[(type, state)], ChangeLifecycle.Commands.Where(change.Permits));
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(ChangeType type, ChangeState state, ChangeCommand command)
    {
        var change = InState(type, state, NewClock());
        var probe = change.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(change, command));

        TransitionAssert.Names(ex, "Change", state.ToString(), command.ToString(), TransitionAssert.Names(Permitted[(type, state)]));
        probe.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(PermittedTriples))]
    public void APermittedCommand_IsAcceptedWithOneEntryAndOneVersion(ChangeType type, ChangeState state, ChangeCommand command)
    {
        var clock = NewClock();
        var change = Ready(type, state, clock);
        long version = change.Version;
        int entries = change.UncommittedAuditEntries.Count;

        Issue(change, command);

        var expected = Target(type, state, command);
        Assert.Equal(expected, change.State);
        Assert.Equal(version + 1, change.Version);
        Assert.Equal(entries + 1, change.UncommittedAuditEntries.Count);
        var entry = change.UncommittedAuditEntries[^1];
        Assert.Equal(command.ToString(), entry.Command);
        Assert.Equal(state.ToString(), entry.FromState);
        Assert.Equal(expected.ToString(), entry.ToState);
        Assert.Equal(version + 1, entry.Version);
        Assert.Equal(clock.GetCurrentInstant(), entry.At);
    }

    [Fact]
    public void Cancel_IsRefusedInReview()
    {
        var change = InState(ChangeType.Normal, ChangeState.Review, NewClock());
        var probe = change.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => change.Cancel(Coordinator, "Too late."));

        Assert.Equal("Change in state Review cannot Cancel; it permits: Close, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, Assign, AddWorkNote, AddComment, LogTime.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void AStandardChange_CannotBeSubmittedOrApproved()
    {
        var change = InState(ChangeType.Standard, ChangeState.New, NewClock());

        Assert.Throws<InvalidTransitionException>(() => change.Submit(Requester));
        Assert.Throws<InvalidTransitionException>(() => change.RequestAuthorization(Coordinator));
        Assert.Throws<InvalidTransitionException>(() => change.Approve(Approver1));
    }

    [Fact]
    public void Mermaid_PerType_ShowsEachTypesPath()
    {
        string normal = ChangeLifecycle.ToMermaid(ChangeType.Normal);
        string standard = ChangeLifecycle.ToMermaid(ChangeType.Standard);
        string emergency = ChangeLifecycle.ToMermaid(ChangeType.Emergency);
        string canceling = ChangeLifecycle.ToMermaid(ChangeType.Normal, RejectionPolicy.Cancel);

        Assert.Contains("New --> Assess : Submit", normal, System.StringComparison.Ordinal);
        Assert.Contains("Authorize --> New : Reject", normal, System.StringComparison.Ordinal);
        Assert.Contains("Authorize --> Canceled : Reject", canceling, System.StringComparison.Ordinal);
        Assert.Contains("New --> Scheduled : Schedule", standard, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Submit", standard, System.StringComparison.Ordinal);
        Assert.Contains("New --> Authorize : RequestAuthorization", emergency, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Submit", emergency, System.StringComparison.Ordinal);
    }
}
