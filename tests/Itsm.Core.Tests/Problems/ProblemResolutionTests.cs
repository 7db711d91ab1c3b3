using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Incidents;
using Itsm.Problems;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>
/// <see cref="ProblemResolution.ResolveWithIncidents"/>: the problem and the incidents on hold for it
/// are resolved in one operation, each with its own audit entry; everything is checked first.
/// </summary>
public sealed class ProblemResolutionTests
{
    /// <summary>A problem with its fix in progress, incidents waiting for it, and incidents that are not.</summary>
    private sealed class World
    {
        public World(ProblemState state = ProblemState.FixInProgress)
        {
            Clock = NewClock();
            Problem = InState(state, Clock);
            var id = Problem.Id.ToString();
            Waiting1 = Incident(i => Hold(i, id, OnHoldReason.AwaitingProblem));
            Waiting2 = Incident(i => Hold(i, id, OnHoldReason.AwaitingProblem));
            OtherProblem = Incident(i => Hold(i, ProblemId.New().ToString(), OnHoldReason.AwaitingProblem));
            OtherReason = Incident(i => Hold(i, id, OnHoldReason.AwaitingVendor));
            Working = Incident(i => i.LinkProblem(IncidentFixtures.Agent, id));
            foreach (var incident in All)
            {
                Problem.LinkIncident(Analyst, incident.Id);
            }

            Clock.Advance(Duration.FromHours(1));
        }

        public FakeClock Clock { get; }

        public Problem Problem { get; }

        public Incident Waiting1 { get; }

        public Incident Waiting2 { get; }

        public Incident OtherProblem { get; }

        public Incident OtherReason { get; }

        public Incident Working { get; }

        public Incident[] All => [Waiting1, Waiting2, OtherProblem, OtherReason, Working];

        public RecordProbe[] Probes() => [Problem.Probe(), .. All.Select(i => i.Probe())];

        private static void Hold(Incident incident, string problemId, OnHoldReason reason)
        {
            incident.LinkProblem(IncidentFixtures.Agent, problemId);
            incident.PutOnHold(IncidentFixtures.Agent, reason);
        }

        private Incident Incident(Action<Incident> prepare)
        {
            var incident = IncidentFixtures.InState(IncidentState.InProgress, Clock);
            prepare(incident);
            return incident;
        }
    }

    [Fact]
    public void ResolvesTheProblemAndTheIncidentsWaitingForIt_EachWithItsOwnEntry()
    {
        var world = new World();
        var at = world.Clock.GetCurrentInstant();
        var problemProbe = world.Problem.Probe();
        var probes = world.All.ToDictionary(i => i, i => i.Probe());

        var resolved = ProblemResolution.ResolveWithIncidents(world.Problem, world.All, Manager, ProblemResolutionCode.FixApplied, Notes);

        problemProbe.AssertAccepted("Resolve", ProblemState.FixInProgress, ProblemState.Resolved, Manager, at,
            ("resolutionCode", "FixApplied"), ("notes", Notes));
        Assert.Equal([world.Waiting1, world.Waiting2], resolved);
        string incidentNotes = $"Resolved with problem {world.Problem.Id} (FixApplied): {Notes}";
        foreach (var incident in resolved)
        {
            probes[incident].AssertAccepted("Resolve", IncidentState.OnHold, IncidentState.Resolved, Manager, at,
                ("resolutionCode", "ResolvedByProblem"), ("notes", incidentNotes));
            Assert.Equal(IncidentResolutionCode.ResolvedByProblem, incident.ResolutionCode);
        }

        probes[world.OtherProblem].AssertUnchanged();
        probes[world.OtherReason].AssertUnchanged();
        probes[world.Working].AssertUnchanged();
    }

    [Fact]
    public void WithNoIncidents_ResolvesTheProblemAlone()
    {
        var world = new World(ProblemState.Assess);

        var resolved = ProblemResolution.ResolveWithIncidents(world.Problem, [], Manager, ProblemResolutionCode.RiskAccepted, Notes);

        Assert.Empty(resolved);
        Assert.Equal(ProblemState.Resolved, world.Problem.State);
        Assert.Equal(IncidentState.OnHold, world.Waiting1.State);
    }

    [Fact]
    public void BadArguments_AreRefusedBeforeAnythingChanges()
    {
        var world = new World();
        var probes = world.Probes();
        var other = IncidentFixtures.InState(IncidentState.OnHold, world.Clock, tenant: IncidentFixtures.OtherTenant);

        void Param(string name, Action action) => Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(action).ParamName);

        Param("problem", () => ProblemResolution.ResolveWithIncidents(null!, world.All, Manager, ProblemResolutionCode.FixApplied, Notes));
        Param("incidents", () => ProblemResolution.ResolveWithIncidents(world.Problem, null!, Manager, ProblemResolutionCode.FixApplied, Notes));
        Param("actor", () => ProblemResolution.ResolveWithIncidents(world.Problem, world.All, null!, ProblemResolutionCode.FixApplied, Notes));
        Param("code", () => ProblemResolution.ResolveWithIncidents(world.Problem, world.All, Manager, 0, Notes));
        Param("incidents", () => ProblemResolution.ResolveWithIncidents(world.Problem, [world.Waiting1, null!], Manager, ProblemResolutionCode.FixApplied, Notes));

        var duplicate = Assert.Throws<ArgumentException>(() =>
            ProblemResolution.ResolveWithIncidents(world.Problem, [world.Waiting1, world.Waiting2, world.Waiting1], Manager, ProblemResolutionCode.FixApplied, Notes));
        Assert.Equal($"Incident {world.Waiting1.Id} is listed more than once. (Parameter 'incidents')", duplicate.Message);

        var tenant = Assert.Throws<ArgumentException>(() =>
            ProblemResolution.ResolveWithIncidents(world.Problem, [world.Waiting1, other], Manager, ProblemResolutionCode.FixApplied, Notes));
        Assert.Equal("Every incident must belong to tenant acme. (Parameter 'incidents')", tenant.Message);

        foreach (var probe in probes)
        {
            probe.AssertUnchanged();
        }
    }

    [Fact]
    public void AProblemThatCannotBeResolved_IsRefusedBeforeAnythingChanges()
    {
        var world = new World(ProblemState.New);
        var probes = world.Probes();

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            ProblemResolution.ResolveWithIncidents(world.Problem, world.All, Manager, ProblemResolutionCode.RiskAccepted, Notes));

        TransitionAssert.Names(ex, "Problem", "New", "Resolve", TransitionAssert.Names(Permitted[ProblemState.New]));
        foreach (var probe in probes)
        {
            probe.AssertUnchanged();
        }
    }

    [Fact]
    public void ABadArgument_IsReportedBeforeTheState()
    {
        var world = new World(ProblemState.New);

        Assert.ThrowsAny<ArgumentException>(() =>
            ProblemResolution.ResolveWithIncidents(world.Problem, [world.Waiting1, world.Waiting1], Manager, ProblemResolutionCode.RiskAccepted, Notes));
    }

    [Theory]
    [InlineData(ProblemState.FixInProgress, ProblemResolutionCode.FixApplied, " ", "ITSM-PRB-RESOLVE-001")]
    [InlineData(ProblemState.RootCauseAnalysis, ProblemResolutionCode.FixApplied, Notes, "ITSM-PRB-RESOLVE-002")]
    public void ABrokenRule_IsRefusedBeforeAnythingChanges(ProblemState state, ProblemResolutionCode code, string notes, string expectedCode)
    {
        var world = new World(state);
        var probes = world.Probes();

        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            ProblemResolution.ResolveWithIncidents(world.Problem, world.All, Manager, code, notes));

        Assert.Equal(expectedCode, ex.Code);
        foreach (var probe in probes)
        {
            probe.AssertUnchanged();
        }
    }
}
