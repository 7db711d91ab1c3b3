using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Problems;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>
/// Every refusal of docs/lifecycles/README.md for problems: the arguments (ArgumentException naming
/// the parameter), the state (InvalidTransitionException) and the rules (DomainRuleViolationException
/// with its code), in that order; a refused command changes nothing.
/// </summary>
public sealed class ProblemRefusalTests
{
    public static TheoryData<ProblemState> States() => new(AllStates);

    public static TheoryData<ProblemState, ProblemCommand> RefusedByState()
    {
        var data = new TheoryData<ProblemState, ProblemCommand>();
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
    public void PermittedCommands_InEachState_AreTheCommandsTheReadmeLists(ProblemState state)
    {
        var problem = InState(state, NewClock());

        Assert.Equal(Permitted[state], problem.PermittedCommands);
        Assert.Equal(Permitted[state], ProblemLifecycle.Commands.Where(problem.Permits));
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(ProblemState state, ProblemCommand command)
    {
        var problem = InState(state, NewClock());
        var probe = problem.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(problem, command));

        TransitionAssert.Names(ex, "Problem", state.ToString(), command.ToString(), TransitionAssert.Names(Permitted[state]));
        probe.AssertUnchanged();
    }

    [Fact]
    public void InATerminalState_TheMessageSaysItIsTerminal()
    {
        var problem = InState(ProblemState.Closed, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => problem.Cancel(Manager, "Too late."));

        Assert.Equal("Problem in state Closed cannot Cancel: the state is terminal and permits no command.", ex.Message);
    }

    [Fact]
    public void InAssess_StartFixIsRefusedWithThePermittedCommands()
    {
        var problem = InState(ProblemState.Assess, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => problem.StartFix(Analyst));

        Assert.Equal(
            "Problem in state Assess cannot StartFix; it permits: StartRootCauseAnalysis, DocumentWorkaround, LinkIncident, UnlinkIncident, Resolve, Cancel, Assign, Unassign, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, LinkKnowledgeArticle, AddWorkNote, AddComment, LogTime.",
            ex.Message);
    }

    // The rules.

    [Fact]
    public void StartFix_WithoutARootCause_IsRefused()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.StartFix(Analyst));

        Assert.Equal("ITSM-PRB-FIX-001", ex.Code);
        Assert.Equal("A fix needs a recorded root cause; record it first.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Resolve_WithoutNotes_IsRefused()
    {
        var problem = InState(ProblemState.FixInProgress, NewClock());
        var probe = problem.Probe();

        foreach (var notes in new[] { null, "", "  " })
        {
            var ex = Assert.Throws<DomainRuleViolationException>(() => problem.Resolve(Manager, ProblemResolutionCode.FixApplied, notes!));
            Assert.Equal("ITSM-PRB-RESOLVE-001", ex.Code);
            Assert.Equal("Resolving a problem needs resolution notes.", ex.Message);
        }

        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(ProblemState.Assess)]
    [InlineData(ProblemState.RootCauseAnalysis)]
    public void Resolve_FixAppliedOutsideFixInProgress_IsRefused(ProblemState state)
    {
        var clock = NewClock();
        var problem = InState(state, clock);
        if (state == ProblemState.RootCauseAnalysis)
        {
            problem.RecordRootCause(Analyst, RootCauseText); // a recorded root cause is not enough
        }

        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.Resolve(Manager, ProblemResolutionCode.FixApplied, Notes));

        Assert.Equal("ITSM-PRB-RESOLVE-002", ex.Code);
        Assert.Equal($"A problem can be resolved with FixApplied only while its fix is in progress; it is in state {state}.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseChange_TheSameChangeTwice_IsRefused()
    {
        var problem = InState(ProblemState.FixInProgress, NewClock());
        problem.RaiseChange(Analyst, "CHG0042");
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.RaiseChange(Analyst, "CHG0042"));

        Assert.Equal("ITSM-PRB-CHANGE-001", ex.Code);
        Assert.Equal($"Change CHG0042 is already linked to problem {problem.Id}.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseChange_SeveralChanges_AreKeptInOrder()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());

        problem.RaiseChange(Analyst, "CHG0042");
        problem.RaiseChange(Analyst, "CHG0043");

        Assert.Equal(["CHG0042", "CHG0043"], problem.Changes);
        Assert.Equal(ProblemState.RootCauseAnalysis, problem.State);
    }

    // The arguments come before the state.

    [Fact]
    public void BadArguments_AreRefusedNamingTheParameterBeforeTheState()
    {
        var problem = InState(ProblemState.Closed, NewClock());
        var probe = problem.Probe();

        void Param(string name, Action action) => Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(action).ParamName);

        Param("actor", () => problem.Assess(null!));
        Param("actor", () => problem.StartRootCauseAnalysis(null!));
        Param("actor", () => problem.RecordRootCause(null!, RootCauseText));
        Param("rootCause", () => problem.RecordRootCause(Analyst, " "));
        Param("rootCause", () => problem.RecordRootCause(Analyst, null!));
        Param("actor", () => problem.DocumentWorkaround(null!, WorkaroundText));
        Param("workaround", () => problem.DocumentWorkaround(Analyst, ""));
        Param("actor", () => problem.MarkAsKnownError(null!, "s", []));
        Param("symptom", () => problem.MarkAsKnownError(Analyst, " ", []));
        Param("affectedItems", () => problem.MarkAsKnownError(Analyst, "s", null!));
        Param("affectedItems", () => problem.MarkAsKnownError(Analyst, "s", ["email", " "]));
        Param("actor", () => problem.StartFix(null!));
        Param("actor", () => problem.RaiseChange(null!, "CHG1"));
        Param("changeId", () => problem.RaiseChange(Analyst, " "));
        Param("actor", () => problem.LinkIncident(null!, IncidentId.New()));
        Param("incidentId", () => problem.LinkIncident(Analyst, default));
        Param("actor", () => problem.UnlinkIncident(null!, IncidentId.New()));
        Param("incidentId", () => problem.UnlinkIncident(Analyst, default));
        Param("actor", () => problem.Resolve(null!, ProblemResolutionCode.RiskAccepted, Notes));
        Param("code", () => problem.Resolve(Manager, 0, Notes));
        Param("code", () => problem.Resolve(Manager, (ProblemResolutionCode)5, Notes));
        Param("actor", () => problem.Close(null!));
        Param("actor", () => problem.Cancel(null!, "why"));
        Param("reason", () => problem.Cancel(Manager, " "));

        probe.AssertUnchanged();
    }
}
