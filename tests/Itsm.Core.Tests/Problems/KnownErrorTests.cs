using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Problems;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>Known errors: a problem with a recorded root cause and a documented workaround becomes a <see cref="KnownError"/>, once.</summary>
public sealed class KnownErrorTests
{
    [Theory]
    [InlineData(ProblemState.RootCauseAnalysis)]
    [InlineData(ProblemState.FixInProgress)]
    public void MarkAsKnownError_CreatesTheRecordFromTheProblem(ProblemState state)
    {
        var clock = NewClock();
        var problem = Ready(state, clock);
        var probe = problem.Probe();

        problem.MarkAsKnownError(Analyst, "Outgoing mail queues up.", ["email", "ci:mail-relay-01"]);

        probe.AssertAccepted("MarkAsKnownError", state, state, Analyst, clock.GetCurrentInstant(),
            ("symptom", "Outgoing mail queues up."), ("affectedItems", "email, ci:mail-relay-01"));
        var knownError = problem.KnownError;
        Assert.NotNull(knownError);
        Assert.Equal(problem.Id, knownError.ProblemId);
        Assert.Equal("Outgoing mail queues up.", knownError.Symptom);
        Assert.Equal(RootCauseText, knownError.RootCause);
        Assert.Equal(WorkaroundText, knownError.Workaround);
        Assert.Equal(["email", "ci:mail-relay-01"], knownError.AffectedItems);
    }

    [Fact]
    public void MarkAsKnownError_WithNoAffectedItems_IsAccepted()
    {
        var problem = Ready(ProblemState.RootCauseAnalysis, NewClock());

        problem.MarkAsKnownError(Analyst, "Outgoing mail queues up.", []);

        Assert.Empty(problem.KnownError!.AffectedItems);
        Assert.Equal("", problem.UncommittedAuditEntries[^1].Data["affectedItems"]);
    }

    [Fact]
    public void MarkAsKnownError_WithoutARootCause_IsRefused()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());
        problem.DocumentWorkaround(Analyst, WorkaroundText);
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]));

        Assert.Equal("ITSM-PRB-KNOWNERROR-002", ex.Code);
        Assert.Equal("A known error needs a recorded root cause; record it first.", ex.Message);
        Assert.Null(problem.KnownError);
        probe.AssertUnchanged();
    }

    [Fact]
    public void MarkAsKnownError_WithoutAWorkaround_IsRefused()
    {
        var problem = InState(ProblemState.FixInProgress, NewClock());
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]));

        Assert.Equal("ITSM-PRB-KNOWNERROR-003", ex.Code);
        Assert.Equal("A known error needs a documented workaround; document it first.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void MarkAsKnownError_WithNeither_ReportsTheRootCauseFirst()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]));

        Assert.Equal("ITSM-PRB-KNOWNERROR-002", ex.Code);
    }

    [Fact]
    public void MarkAsKnownError_ASecondTime_IsRefused()
    {
        var problem = Ready(ProblemState.RootCauseAnalysis, NewClock());
        problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]);
        problem.StartFix(Analyst);
        var probe = problem.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.MarkAsKnownError(Analyst, "Something else.", ["email"]));

        Assert.Equal("ITSM-PRB-KNOWNERROR-001", ex.Code);
        Assert.Equal($"Problem {problem.Id} is already a known error.", ex.Message);
        Assert.Equal("Mail queues up.", problem.KnownError!.Symptom);
        probe.AssertUnchanged();
    }

    [Fact]
    public void TheKnownError_FollowsLaterRootCausesAndWorkarounds()
    {
        var problem = Ready(ProblemState.RootCauseAnalysis, NewClock());
        problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]);

        problem.RecordRootCause(Analyst, "The relay's disk fills up.");
        problem.DocumentWorkaround(Analyst, "Delete the relay's old logs.");

        Assert.Equal(new KnownError(problem.Id, "Mail queues up.", "The relay's disk fills up.", "Delete the relay's old logs.", problem.KnownError!.AffectedItems), problem.KnownError);
        Assert.Equal("The relay's disk fills up.", problem.RootCause);
        Assert.Equal("Delete the relay's old logs.", problem.Workaround);
    }

    [Fact]
    public void TheKnownError_StaysAfterResolutionAndClosure_WithTheLinkedIncidentsAHostOffersItTo()
    {
        var problem = Ready(ProblemState.FixInProgress, NewClock());
        problem.MarkAsKnownError(Analyst, "Mail queues up.", ["email"]);

        problem.Resolve(Manager, ProblemResolutionCode.FixApplied, Notes);
        problem.Close(Manager);

        Assert.Equal(WorkaroundText, problem.KnownError!.Workaround);
        Assert.Equal([LinkedIncident], problem.LinkedIncidents);
    }

    [Fact]
    public void DocumentWorkaround_InAssess_IsRecordedBeforeAnyKnownError()
    {
        var clock = NewClock();
        var problem = InState(ProblemState.Assess, clock);
        var probe = problem.Probe();

        problem.DocumentWorkaround(Analyst, WorkaroundText);

        probe.AssertAccepted("DocumentWorkaround", ProblemState.Assess, ProblemState.Assess, Analyst, clock.GetCurrentInstant(), ("workaround", WorkaroundText));
        Assert.Equal(WorkaroundText, problem.Workaround);
        Assert.Null(problem.KnownError);
    }
}
