using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>The runner passes on the real engine for every record type, and fails on planted bugs in a host's configuration.</summary>
public sealed class LifecycleRunnerTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent-1", "itil");

    [Property(MaxTest = 60)]
    public Property Incidents_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Property(MaxTest = 60)]
    public Property Incidents_keep_their_lifecycle_under_other_incident_policies() =>
        Prop.ForAll(ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(), s => Runs.Passes(
            ItsmTestEngine.Create(options: new ItsmEngineOptions
            {
                Incidents = new IncidentOptions { WorkStart = IncidentWorkStart.OnAgentAssignment, Reopen = IncidentReopenPolicy.Anyone },
            }).Engine,
            s));

    [Property(MaxTest = 60)]
    public Property Problems_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.ProblemScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Property(MaxTest = 60)]
    public Property Changes_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.ChangeScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Property(MaxTest = 60)]
    public Property Changes_keep_their_lifecycle_under_a_stricter_change_authority() =>
        Prop.ForAll(ItsmGenerators.ChangeScenarios.ToArbitrary(), s => Runs.Passes(
            ItsmTestEngine.Create(options: new ItsmEngineOptions { ChangeAuthority = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2, ecabQuorum: 1) }).Engine,
            s));

    [Property(MaxTest = 60)]
    public Property Service_requests_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.ServiceRequestScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Property(MaxTest = 60)]
    public Property Interactions_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.InteractionScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Property(MaxTest = 60)]
    public Property Improvement_items_keep_their_lifecycle_on_the_engine() =>
        Prop.ForAll(ItsmGenerators.ImprovementItemScenarios.ToArbitrary(), s => Runs.Passes(ItsmTestEngine.Create().Engine, s));

    [Fact]
    public async Task A_run_reports_the_states_it_went_through_and_what_was_refused()
    {
        var run = await LifecycleRunner.RunAsync(ItsmTestEngine.Create().Engine, ProblemToClosure());

        Assert.Equal(["New", "Assess", "RootCauseAnalysis", "FixInProgress", "Resolved", "Closed"], run.States);
        Assert.Equal(("Closed", 7L, 7, 1, 0), (run.FinalState, run.FinalVersion, run.Accepted, run.Refused, run.Unauthorized));
    }

    [Fact]
    public async Task An_authorizer_that_changes_the_record_it_is_shown_is_caught()
    {
        // A host's authorizer that "helpfully" assigns an unassigned problem while deciding: the command
        // then writes two audit entries, and the record's version jumps by two.
        var meddling = ItsmAuthorizers.FromRule((actor, operation, resource) =>
        {
            if (operation is ItsmCommand && resource.Record is Problem { AssignmentGroup: null, State: not ProblemState.Closed } problem)
            {
                problem.Assign(actor, new SupportGroupId("Problem management"));
            }

            return true;
        });

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() =>
            LifecycleRunner.RunAsync(ItsmTestEngine.Create(authorizer: meddling).Engine, ProblemToClosure()));

        Assert.Equal(1, failure.Step);
        Assert.Equal("the stored version: expected 2, got 3", failure.Problem);
        Assert.Contains("1. +0:00:00:00 by agent-1 [itil]: AssessProblem", failure.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_does_not_reindex_on_update_is_caught()
    {
        var engine = new ItsmEngine(new StaleIndexStore(), ItsmAuthorizers.AllowAll, TestClocks.AtUtc(2026, 1, 5, 9, 0));

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(engine, ProblemToClosure()));

        Assert.Equal(1, failure.Step);
        Assert.Equal("the indexed state: expected Assess, got New", failure.Problem);
    }

    [Fact]
    public async Task An_authorizer_that_allows_more_than_the_host_rule_is_caught()
    {
        // The host means: only agents change records. Its authorizer forgot that rule for closing.
        var forgetful = ItsmAuthorizers.FromRule((actor, operation, _) => operation is CloseProblem || actor.HasRole("itil"));
        var scenario = ProblemToClosure() with { };
        var steps = new List<LifecycleStep<Problem>>(scenario.Steps);
        steps[^1] = steps[^1] with { Actor = new Actor("caller-1") };

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(
            ItsmTestEngine.Create(authorizer: forgetful).Engine,
            scenario with { Steps = steps },
            new LifecycleRunOptions { ExpectAuthorized = (actor, _) => actor.HasRole("itil") }));

        Assert.Equal(steps.Count, failure.Step);
        Assert.Equal("the authorizer allowed Close by caller-1, which the host's rule refuses", failure.Problem);
    }

    [Fact]
    public async Task A_command_the_authorizer_refuses_must_write_nothing_and_the_run_goes_on()
    {
        var agentsOnly = ItsmAuthorizers.FromRule((actor, _, _) => actor.HasRole("itil"));
        var scenario = ProblemToClosure();
        var steps = new List<LifecycleStep<Problem>>(scenario.Steps) { [0] = scenario.Steps[0] with { Actor = new Actor("caller-1") } };

        var run = await LifecycleRunner.RunAsync(
            ItsmTestEngine.Create(authorizer: agentsOnly).Engine,
            scenario with { Steps = steps },
            new LifecycleRunOptions { ExpectAuthorized = (actor, _) => actor.HasRole("itil") });

        // The refused Assess leaves the problem New, so the rest of the history is refused by its state.
        Assert.Equal(("New", 1, 6), (run.FinalState, run.Unauthorized, run.Refused));
    }

    [Fact]
    public async Task A_record_that_already_exists_is_reported_rather_than_overwritten()
    {
        var engine = ItsmTestEngine.Create().Engine;
        var scenario = ProblemToClosure();
        await LifecycleRunner.RunAsync(engine, scenario);

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(engine, scenario));

        Assert.Equal("the record already exists at version 7; give each run a new id", failure.Problem);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_by_name()
    {
        var engine = ItsmTestEngine.Create().Engine;

        Assert.Equal("engine", (await Assert.ThrowsAsync<ArgumentNullException>(() => LifecycleRunner.RunAsync(null!, ProblemToClosure()))).ParamName);
        Assert.Equal("scenario", (await Assert.ThrowsAsync<ArgumentNullException>(() => LifecycleRunner.RunAsync<Problem, ProblemId>(engine, null!))).ParamName);
    }

    /// <summary>A problem taken to closure, with one command its state refuses on the way.</summary>
    private static LifecycleScenario<Problem, ProblemId> ProblemToClosure() => new(
        Tenant,
        ProblemId.New(),
        Agent,
        new OpenProblem("Mail relay stalls"),
        [
            new(Duration.Zero, Agent, new AssessProblem()),
            new(Duration.FromMinutes(5), Agent, new StartProblemRootCauseAnalysis()),
            new(Duration.FromMinutes(5), Agent, new CloseProblem()),
            new(Duration.FromHours(1), Agent, new RecordProblemRootCause("A memory leak")),
            new(Duration.FromHours(1), Agent, new StartProblemFix()),
            new(Duration.FromDays(1), Agent, new ResolveProblem(ProblemResolutionCode.FixApplied, "Patched")),
            new(Duration.FromDays(1), Agent, new CloseProblem()),
        ]);
}
