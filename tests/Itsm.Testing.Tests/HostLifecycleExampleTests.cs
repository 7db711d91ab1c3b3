using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing.Tests;

// docs/testing.md ("Hosts: checking your engine configuration") shows this file; keep the two in step.

/// <summary>The host's authorizer under test: anyone raises tickets, approvers decide on changes, agents do the rest.</summary>
public sealed class HelpDeskAuthorizer : IItsmAuthorizer
{
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken) =>
        ValueTask.FromResult(operation switch
        {
            OpenIncident or SubmitServiceRequest or LogInteraction => true,
            ApproveChange or RejectChange => actor.HasRole("cab") || actor.HasRole("ecab") || actor.HasRole("change_manager") || actor.HasRole("peer"),
            ItsmCommand => actor.HasRole("itil"),
            _ => false,
        });
}

/// <summary>The worked host test of docs/testing.md: the host's authorizer and options, checked by the lifecycle runner.</summary>
public sealed class HostLifecycleExampleTests
{
    // The host's rule as the test states it, independently of the authorizer's code.
    private static readonly LifecycleRunOptions HostRule = new()
    {
        ExpectAuthorized = (actor, command) => command switch
        {
            OpenIncident or SubmitServiceRequest or LogInteraction => true,
            ApproveChange or RejectChange => actor.Roles.Any(r => r is "cab" or "ecab" or "change_manager" or "peer"),
            _ => actor.HasRole("itil"),
        },
    };

    // The host's engine: its authorizer and policies, over a fresh store per run (the in-memory one
    // here; a SqliteAggregateStore on a temporary file works the same way).
    private static ItsmEngine HostEngine() => new(
        new InMemoryAggregateStore(),
        new HelpDeskAuthorizer(),
        new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0)),
        new ItsmEngineOptions
        {
            Incidents = new IncidentOptions { WorkStart = IncidentWorkStart.OnAgentAssignment, Reopen = IncidentReopenPolicy.Anyone },
            ChangeAuthority = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2),
        });

    [Property(MaxTest = 50)]
    public Property Incidents_keep_their_lifecycle_under_our_configuration() =>
        Prop.ForAll(ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(), async scenario =>
            await LifecycleRunner.RunAsync(HostEngine(), scenario, HostRule));

    [Property(MaxTest = 50)]
    public Property Changes_keep_their_lifecycle_under_our_configuration() =>
        Prop.ForAll(ItsmGenerators.ChangeScenarios.ToArbitrary(), async scenario =>
            await LifecycleRunner.RunAsync(HostEngine(), scenario, HostRule));

    [Property(MaxTest = 50)]
    public Property Problems_keep_their_lifecycle_under_our_configuration() =>
        Prop.ForAll(ItsmGenerators.ProblemScenarios.ToArbitrary(), async scenario =>
            await LifecycleRunner.RunAsync(HostEngine(), scenario, HostRule));

    [Property(MaxTest = 50)]
    public Property Service_requests_keep_their_lifecycle_under_our_configuration() =>
        Prop.ForAll(ItsmGenerators.ServiceRequestScenarios.ToArbitrary(), async scenario =>
            await LifecycleRunner.RunAsync(HostEngine(), scenario, HostRule));

    [Fact]
    public async Task A_caller_cannot_close_a_problem_and_nothing_is_written()
    {
        var scenario = new LifecycleScenario<Problem, ProblemId>(
            new TenantId("acme"),
            ProblemId.New(),
            new Actor("agent-1", "itil"),
            new OpenProblem("Mail relay stalls"),
            [new(Duration.FromMinutes(5), new Actor("caller-1"), new CancelProblem("Not a problem"))]);

        var run = await LifecycleRunner.RunAsync(HostEngine(), scenario, HostRule);

        Assert.Equal(("New", 1L, 1), (run.FinalState, run.FinalVersion, run.Unauthorized));
    }
}
