using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>Every transition of docs/lifecycles/README.md for problems: one audit entry and one version each, with the command's data.</summary>
public sealed class ProblemTransitionTests
{
    public static TheoryData<ProblemState, ProblemCommand> PermittedPairs()
    {
        var data = new TheoryData<ProblemState, ProblemCommand>();
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
    public void Open_StartsInNewAtVersionOneWithAnOpenEntry()
    {
        var clock = NewClock();
        var id = ProblemId.New();

        var problem = Problem.Open(Tenant, id, Analyst, "E-mail stops every 30 days", clock, new ServiceId("email"));

        Assert.Equal(ProblemState.New, problem.State);
        Assert.Equal(1, problem.Version);
        Assert.Equal(Tenant, problem.Tenant);
        Assert.Equal(id, problem.Id);
        Assert.Equal("E-mail stops every 30 days", problem.ShortDescription);
        Assert.Equal(new ServiceId("email"), problem.Service);
        Assert.Equal(Monday0900, problem.OpenedAt);
        Assert.Null(problem.RootCause);
        Assert.Null(problem.Workaround);
        Assert.Null(problem.KnownError);
        Assert.Empty(problem.LinkedIncidents);
        Assert.Empty(problem.Changes);
        Assert.Null(problem.ResolutionCode);
        var entry = Assert.Single(problem.UncommittedAuditEntries);
        RecordProbe.AssertEntry(entry, Tenant, "Problem", id.ToString(), 1, Monday0900, Analyst, "Open", "New", "New",
            ("shortDescription", "E-mail stops every 30 days"), ("service", "email"));
        Assert.Equal($"Problem {id} (New)", problem.ToString());
    }

    [Fact]
    public void Open_WithBadArguments_NamesTheParameter()
    {
        var clock = NewClock();
        Assert.Equal("tenant", Assert.ThrowsAny<ArgumentException>(() => Problem.Open(default, ProblemId.New(), Analyst, "x", clock)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => Problem.Open(Tenant, default, Analyst, "x", clock)).ParamName);
        Assert.Equal("openedBy", Assert.ThrowsAny<ArgumentException>(() => Problem.Open(Tenant, ProblemId.New(), null!, "x", clock)).ParamName);
        Assert.Equal("shortDescription", Assert.ThrowsAny<ArgumentException>(() => Problem.Open(Tenant, ProblemId.New(), Analyst, " ", clock)).ParamName);
        Assert.Equal("clock", Assert.ThrowsAny<ArgumentException>(() => Problem.Open(Tenant, ProblemId.New(), Analyst, "x", null!)).ParamName);
    }

    [Theory]
    [MemberData(nameof(PermittedPairs))]
    public void EveryPermittedCommand_WhenItsRulesHold_MovesToItsTargetWithOneEntry(ProblemState state, ProblemCommand command)
    {
        var clock = NewClock();
        var problem = Ready(state, clock);
        var probe = problem.Probe();
        var actor = command is ProblemCommand.Resolve or ProblemCommand.Close or ProblemCommand.Cancel ? Manager : Analyst;

        Issue(problem, command);

        probe.AssertAccepted(command.ToString(), state, Target(state, command), actor, clock.GetCurrentInstant(), DataOf(command, state));
    }

    [Fact]
    public void TheHappyPath_GoesFromNewToClosed()
    {
        var clock = NewClock();
        var problem = Open(clock);

        problem.Assess(Analyst);
        problem.StartRootCauseAnalysis(Analyst);
        problem.RecordRootCause(Analyst, RootCauseText);
        problem.DocumentWorkaround(Analyst, WorkaroundText);
        problem.MarkAsKnownError(Analyst, "Outgoing mail queues up.", ["email"]);
        problem.StartFix(Analyst);
        problem.RaiseChange(Analyst, "CHG0042");
        clock.Advance(Duration.FromHours(2));
        problem.Resolve(Manager, ProblemResolutionCode.FixApplied, Notes);
        problem.Close(Manager);

        Assert.Equal(ProblemState.Closed, problem.State);
        Assert.Equal(10, problem.Version);
        Assert.Equal(
            ["Open", "Assess", "StartRootCauseAnalysis", "RecordRootCause", "DocumentWorkaround", "MarkAsKnownError", "StartFix", "RaiseChange", "Resolve", "Close"],
            problem.UncommittedAuditEntries.Select(e => e.Command));
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), problem.UncommittedAuditEntries.Select(e => e.Version));
        Assert.Equal(ProblemResolutionCode.FixApplied, problem.ResolutionCode);
        Assert.Equal(Notes, problem.ResolutionNotes);
        Assert.Equal(Monday0900 + Duration.FromHours(2), problem.ResolvedAt);
        Assert.Equal(["CHG0042"], problem.Changes);
        Assert.Empty(problem.PermittedCommands);
    }

    [Theory]
    [InlineData(ProblemState.Assess, ProblemResolutionCode.RiskAccepted)]
    [InlineData(ProblemState.Assess, ProblemResolutionCode.Duplicate)]
    [InlineData(ProblemState.RootCauseAnalysis, ProblemResolutionCode.Canceled)]
    [InlineData(ProblemState.FixInProgress, ProblemResolutionCode.RiskAccepted)]
    [InlineData(ProblemState.FixInProgress, ProblemResolutionCode.FixApplied)]
    public void Resolve_RecordsTheCodeNotesAndTime(ProblemState state, ProblemResolutionCode code)
    {
        var clock = NewClock();
        var problem = InState(state, clock);
        var probe = problem.Probe();

        problem.Resolve(Manager, code, Notes);

        probe.AssertAccepted("Resolve", state, ProblemState.Resolved, Manager, clock.GetCurrentInstant(), ("resolutionCode", code.ToString()), ("notes", Notes));
        Assert.Equal(code, problem.ResolutionCode);
        Assert.Equal(Notes, problem.ResolutionNotes);
        Assert.Equal(clock.GetCurrentInstant(), problem.ResolvedAt);
    }

    [Fact]
    public void AcceptAuditEntries_ClearsTheUncommittedEntriesButNotTheVersion()
    {
        var clock = NewClock();
        var problem = InState(ProblemState.FixInProgress, clock);

        problem.AcceptAuditEntries();
        problem.RaiseChange(Analyst, "CHG0001");

        var entry = Assert.Single(problem.UncommittedAuditEntries);
        Assert.Equal(problem.Version, entry.Version);
        Assert.Equal(6, problem.Version);
    }

    private static (string Key, string Value)[] DataOf(ProblemCommand command, ProblemState state) => command switch
    {
        ProblemCommand.RecordRootCause => [("rootCause", RootCauseText)],
        ProblemCommand.DocumentWorkaround => [("workaround", WorkaroundText)],
        ProblemCommand.MarkAsKnownError => [("symptom", "Outgoing mail queues up."), ("affectedItems", "email, ci:mail-relay-01")],
        ProblemCommand.RaiseChange => [("change", "CHG0042")],
        ProblemCommand.LinkIncident => [("incident", "22222222-2222-2222-2222-222222222222")],
        ProblemCommand.UnlinkIncident => [("incident", LinkedIncident.ToString())],
        ProblemCommand.Resolve => [("resolutionCode", state == ProblemState.FixInProgress ? "FixApplied" : "RiskAccepted"), ("notes", Notes)],
        ProblemCommand.Cancel => [("reason", "Not a problem.")],
        ProblemCommand.Assign => [("group", "Messaging"), ("assignee", Analyst.Id), ("fromGroup", ReadyGroup), ("fromAssignee", Analyst.Id)],
        ProblemCommand.Unassign => [("fromGroup", ReadyGroup), ("fromAssignee", Analyst.Id)],
        ProblemCommand.ChangeService => [("service", "web"), ("fromService", "email")],
        ProblemCommand.AddConfigurationItem => [("configurationItem", "mx02")],
        ProblemCommand.RemoveConfigurationItem => [("configurationItem", "mx01")],
        ProblemCommand.AssignToSupplier => [("supplier", "acme-mail")],
        ProblemCommand.AddWorkNote => [("text", "Checked the relay logs.")],
        ProblemCommand.AddComment => [("text", "We are on it.")],
        ProblemCommand.LogTime => [("seconds", "1800")],
        ProblemCommand.LinkKnowledgeArticle => [("article", Article.ToString())],
        _ => [],
    };
}
