using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>
/// Assign and Unassign (docs/lifecycles/README.md): the assignment is set to exactly a group and/or a
/// person in every state that is not terminal, the state never changes, and each refusal changes nothing.
/// </summary>
public sealed class ProblemAssignmentTests
{
    public static TheoryData<ProblemState> OpenStates() =>
        new(ProblemState.New, ProblemState.Assess, ProblemState.RootCauseAnalysis, ProblemState.FixInProgress, ProblemState.Resolved);

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Assign_InEveryOpenState_SetsTheAssignmentAndKeepsTheState(ProblemState state)
    {
        var clock = NewClock();
        var problem = InState(state, clock);
        var probe = problem.Probe();

        problem.Assign(Manager, new SupportGroupId("Problem management"), Analyst.Id);

        probe.AssertAccepted("Assign", state, state, Manager, clock.GetCurrentInstant(), ("group", "Problem management"), ("assignee", Analyst.Id));
        Assert.Equal(("Problem management", Analyst.Id), (problem.AssignmentGroup?.Value, problem.AssignedTo));
    }

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Unassign_InEveryOpenState_ClearsTheAssignmentAndKeepsTheState(ProblemState state)
    {
        var clock = NewClock();
        var problem = Ready(state, clock);
        var probe = problem.Probe();

        problem.Unassign(Manager);

        probe.AssertAccepted("Unassign", state, state, Manager, clock.GetCurrentInstant(), ("fromGroup", ReadyGroup), ("fromAssignee", Analyst.Id));
        Assert.Equal((null, null), (problem.AssignmentGroup?.Value, problem.AssignedTo));
    }

    [Fact]
    public void Assign_SetsExactlyWhatItNames_AndRecordsWhatWasBefore()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());

        problem.Assign(Manager, null, "analyst.king");
        problem.Assign(Manager, new SupportGroupId("Messaging"), "analyst.king");
        problem.Assign(Manager, new SupportGroupId("Messaging"));
        problem.Assign(Manager, new SupportGroupId("Network"), "net.ops");

        Assert.Equal(("Network", "net.ops"), (problem.AssignmentGroup?.Value, problem.AssignedTo));
        Assert.Equal(ProblemState.RootCauseAnalysis, problem.State);
        var entries = problem.UncommittedAuditEntries.TakeLast(4).ToArray();
        RecordProbe.AssertData(entries[0], ("assignee", "analyst.king"));
        RecordProbe.AssertData(entries[1], ("group", "Messaging"), ("assignee", "analyst.king"), ("fromAssignee", "analyst.king"));
        RecordProbe.AssertData(entries[2], ("group", "Messaging"), ("fromGroup", "Messaging"), ("fromAssignee", "analyst.king"));
        RecordProbe.AssertData(entries[3], ("group", "Network"), ("assignee", "net.ops"), ("fromGroup", "Messaging"));
        Assert.Equal(new ProblemAssigned(new SupportGroupId("Network"), "net.ops", new SupportGroupId("Messaging"), null), AuditAssert.TypedEvent(entries[3], typeof(ProblemAssigned)));
    }

    [Fact]
    public void Assign_DoesNotAssessANewProblem_AndAssessNeedsNoAssignment()
    {
        var problem = InState(ProblemState.New, NewClock());

        problem.Assign(Manager, new SupportGroupId("Problem management"));

        Assert.Equal(ProblemState.New, problem.State);
        Assert.True(problem.Permits(ProblemCommand.Assess));
        problem.Unassign(Manager);
        problem.Assess(Analyst);
        Assert.Equal(ProblemState.Assess, problem.State);
    }

    [Fact]
    public void Assign_TheSameAssignmentAgain_IsRefusedAndChangesNothing()
    {
        var problem = InState(ProblemState.Assess, NewClock());
        problem.Assign(Manager, new SupportGroupId("Problem management"), Analyst.Id);
        var probe = problem.Probe();

        var e = Assert.Throws<DomainRuleViolationException>(() => problem.Assign(Analyst, new SupportGroupId("Problem management"), Analyst.Id));

        Assert.Equal("ITSM-PRB-ASSIGN-001", e.Code);
        Assert.Equal("The problem is already assigned to analyst.king of Problem management.", e.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Unassign_WhenNothingIsAssigned_IsRefusedAndChangesNothing()
    {
        var problem = InState(ProblemState.Resolved, NewClock());
        var probe = problem.Probe();

        var e = Assert.Throws<DomainRuleViolationException>(() => problem.Unassign(Manager));

        Assert.Equal("ITSM-PRB-ASSIGN-002", e.Code);
        Assert.Equal("The problem is not assigned to anyone.", e.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Assign_WithBadArguments_NamesTheParameterAndChangesNothing()
    {
        var problem = InState(ProblemState.Assess, NewClock());
        var probe = problem.Probe();

        var nobody = Assert.Throws<ArgumentException>(() => problem.Assign(Manager, null, null));
        Assert.Equal("group", nobody.ParamName);
        Assert.Equal("Name a group, a person or both; to clear the assignment, unassign. (Parameter 'group')", nobody.Message);
        Assert.Equal("group", Assert.ThrowsAny<ArgumentException>(() => problem.Assign(Manager, default(SupportGroupId), "analyst.king")).ParamName);
        Assert.Equal("assignee", Assert.ThrowsAny<ArgumentException>(() => problem.Assign(Manager, new SupportGroupId("Messaging"), "")).ParamName);
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => problem.Assign(null!, new SupportGroupId("Messaging"))).ParamName);
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => problem.Unassign(null!)).ParamName);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(ProblemState.Closed)]
    [InlineData(ProblemState.Canceled)]
    public void A_terminal_problem_refuses_Assign_and_Unassign(ProblemState state)
    {
        var problem = InState(state, NewClock());
        var probe = problem.Probe();

        var assign = Assert.Throws<InvalidTransitionException>(() => problem.Assign(Manager, new SupportGroupId("Messaging")));
        var unassign = Assert.Throws<InvalidTransitionException>(() => problem.Unassign(Manager));

        Assert.Equal($"Problem in state {state} cannot Assign: the state is terminal and permits no command.", assign.Message);
        Assert.Equal($"Problem in state {state} cannot Unassign: the state is terminal and permits no command.", unassign.Message);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData("Assign", "fromGroup", "G")]
    [InlineData("Unassign", "group", "G")]
    public void Stored_data_that_names_no_assignment_reads_as_an_unrecognized_event(string command, string key, string value)
    {
        var data = new Dictionary<string, string> { [key] = value };
        var entry = new AuditEntry(Tenant, Problem.RecordType, ProblemId.New().ToString(), 2, Monday0900, Manager, command, "New", "New", data);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);
        Assert.Equal((Problem.RecordType, command), (read.RecordType, read.CommandName));
    }

    [Fact]
    public void The_state_document_holds_the_assignment_and_a_document_saved_before_it_existed_loads_as_unassigned()
    {
        var clock = NewClock();
        var problem = InState(ProblemState.Assess, clock);
        problem.Assign(Manager, new SupportGroupId("Problem management"), Analyst.Id);
        var codec = new ProblemCodec();
        var root = JsonNode.Parse(codec.Serialize(problem))!.AsObject();

        Assert.Equal("Problem management", (string?)root["assignmentGroup"]);
        Assert.Equal(Analyst.Id, (string?)root["assignedTo"]);
        var loaded = codec.Deserialize(Tenant, problem.Id.ToString(), problem.Version, root.ToJsonString(), clock);
        Assert.Equal(("Problem management", Analyst.Id), (loaded.AssignmentGroup?.Value, loaded.AssignedTo));
        Assert.Equal("Problem management", codec.IndexOf(loaded, null).AssignmentGroup);

        root.Remove("assignmentGroup");
        root.Remove("assignedTo");
        var older = codec.Deserialize(Tenant, problem.Id.ToString(), problem.Version, root.ToJsonString(), clock);
        Assert.Equal((null, null), (older.AssignmentGroup?.Value, older.AssignedTo));
        Assert.Null(codec.IndexOf(older, null).AssignmentGroup);
        Assert.Equal(ProblemState.Assess, older.State);
    }

    [Fact]
    public async Task The_typed_commands_run_through_the_engine_and_a_query_by_group_finds_the_problem()
    {
        var test = new EngineHarness();
        var id = ProblemId.New();
        await test.Engine.Problems.CreateAsync(Tenant, id, Analyst, new OpenProblem("E-mail stops every 30 days", new ServiceId("email")));
        var key = new CommandOptions { IdempotencyKey = "assign-1" };

        var assigned = await test.Engine.Problems.ExecuteAsync(Tenant, id, Manager, new AssignProblem(new SupportGroupId("Messaging")), key);
        var replayed = await test.Engine.Problems.ExecuteAsync(Tenant, id, Manager, new AssignProblem(new SupportGroupId("Messaging")), key);
        // The same text as the person instead of the group is another command.
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => test.Engine.Problems.ExecuteAsync(Tenant, id, Manager, new AssignProblem(null, "Messaging"), key));

        Assert.Equal(new ProblemAssigned(new SupportGroupId("Messaging"), null, null, null), Assert.Single(assigned.Events).Event);
        Assert.True(replayed.Replayed);
        Assert.Equal(ProblemState.New, assigned.Record.State);
        var found = await test.Store.QueryAsync(Tenant, new RecordQuery { RecordType = Problem.RecordType, AssignmentGroup = "Messaging" });
        Assert.Equal(id.ToString(), Assert.Single(found).RecordId);

        var unassigned = await test.Engine.Problems.ExecuteAsync(Tenant, id, Manager, new UnassignProblem());
        var again = await Assert.ThrowsAsync<DomainRuleViolationException>(() => test.Engine.Problems.ExecuteAsync(Tenant, id, Manager, new UnassignProblem()));

        Assert.Equal(new ProblemUnassigned(new SupportGroupId("Messaging"), null), Assert.Single(unassigned.Events).Event);
        Assert.Equal("ITSM-PRB-ASSIGN-002", again.Code);
        Assert.Equal(["Open", "Assign", "Unassign"], (await test.HistoryAsync(Tenant, Problem.RecordType, id)).Select(e => e.Command));
        Assert.Empty(await test.Store.QueryAsync(Tenant, new RecordQuery { RecordType = Problem.RecordType, AssignmentGroup = "Messaging" }));
    }
}
