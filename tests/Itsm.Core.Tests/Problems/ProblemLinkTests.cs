using System;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Problems;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>Linking and unlinking incidents: the problem keeps the set of linked incident ids.</summary>
public sealed class ProblemLinkTests
{
    private static readonly IncidentId First = new(new Guid("aaaaaaaa-0000-0000-0000-000000000001"));
    private static readonly IncidentId Second = new(new Guid("aaaaaaaa-0000-0000-0000-000000000002"));

    [Theory]
    [InlineData(ProblemState.New)]
    [InlineData(ProblemState.Assess)]
    [InlineData(ProblemState.RootCauseAnalysis)]
    [InlineData(ProblemState.FixInProgress)]
    [InlineData(ProblemState.Resolved)]
    public void LinkAndUnlink_KeepTheIdsInLinkOrder_WithoutChangingTheState(ProblemState state)
    {
        var clock = NewClock();
        var problem = InState(state, clock);

        var probe = problem.Probe();
        problem.LinkIncident(Analyst, First);
        probe.AssertAccepted("LinkIncident", state, state, Analyst, clock.GetCurrentInstant(), ("incident", First.ToString()));
        problem.LinkIncident(Analyst, Second);
        Assert.Equal([First, Second], problem.LinkedIncidents);

        probe = problem.Probe();
        problem.UnlinkIncident(Analyst, First);
        probe.AssertAccepted("UnlinkIncident", state, state, Analyst, clock.GetCurrentInstant(), ("incident", First.ToString()));
        Assert.Equal([Second], problem.LinkedIncidents);

        problem.LinkIncident(Analyst, First);
        Assert.Equal([Second, First], problem.LinkedIncidents);
    }

    [Fact]
    public void LinkIncident_AlreadyLinked_IsRefused()
    {
        var problem = InState(ProblemState.Assess, NewClock());
        problem.LinkIncident(Analyst, First);
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.LinkIncident(Analyst, First));

        Assert.Equal("ITSM-PRB-LINK-001", ex.Code);
        Assert.Equal($"Incident {First} is already linked to problem {problem.Id}.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void UnlinkIncident_NotLinked_IsRefused()
    {
        var problem = InState(ProblemState.Resolved, NewClock());
        problem.LinkIncident(Analyst, First);
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.UnlinkIncident(Analyst, Second));

        Assert.Equal("ITSM-PRB-LINK-002", ex.Code);
        Assert.Equal($"Incident {Second} is not linked to problem {problem.Id}.", ex.Message);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(ProblemState.Closed)]
    [InlineData(ProblemState.Canceled)]
    public void InATerminalState_LinkingIsRefused(ProblemState state)
    {
        var problem = InState(state, NewClock());
        var probe = problem.Probe();

        Assert.Throws<InvalidTransitionException>(() => problem.LinkIncident(Analyst, First));
        Assert.Throws<InvalidTransitionException>(() => problem.UnlinkIncident(Analyst, First));

        probe.AssertUnchanged();
    }
}
