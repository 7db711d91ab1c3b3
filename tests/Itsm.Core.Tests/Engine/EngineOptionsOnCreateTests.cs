using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// A record the engine creates follows the engine's options from its first version, exactly as it does
/// after a reload: priority matrix (per tenant too), on every path that creates an incident, and the
/// change authority policy.
/// </summary>
public sealed class EngineOptionsOnCreateTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private static readonly Impact[] Impacts = [Impact.High, Impact.Medium, Impact.Low];
    private static readonly Urgency[] Urgencies = [Urgency.High, Urgency.Medium, Urgency.Low];

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));
    private readonly InMemoryAggregateStore _store = new();

    // Nine cells, five priorities: no matrix has nine different cells. This one is as far from the default
    // and from its own transpose as five values allow: Low/Low is P1 where the default says P4,
    // every (i, j) differs from (j, i), and no row or column repeats a value.
    private static readonly PriorityMatrix Asymmetric = Matrix(
        [5, 1, 2],
        [3, 4, 5],
        [4, 2, 1]);

    // The same shape for a second tenant, every cell different from Asymmetric's.
    private static readonly PriorityMatrix OtherAsymmetric = Matrix(
        [4, 3, 1],
        [1, 5, 2],
        [2, 1, 3]);

    private static PriorityMatrix Matrix(int[] high, int[] medium, int[] low)
    {
        int[][] rows = [high, medium, low];
        var cells = new Dictionary<(Impact, Urgency), Priority>();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                cells[(Impacts[i], Urgencies[j])] = new Priority(rows[i][j]);
            }
        }

        return new PriorityMatrix(cells);
    }

    private ItsmEngine NewEngine(ItsmEngineOptions options) => new(_store, ItsmAuthorizers.AllowAll, _clock, options);

    [Fact]
    public void The_test_matrices_are_asymmetric_and_differ_from_the_default_and_each_other()
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                var p = Asymmetric.PriorityFor(Impacts[i], Urgencies[j]);
                Assert.NotEqual(p, OtherAsymmetric.PriorityFor(Impacts[i], Urgencies[j]));
                if (i != j)
                {
                    Assert.NotEqual(p, Asymmetric.PriorityFor(Impacts[j], Urgencies[i]));
                }
            }
        }

        Assert.NotEqual(PriorityMatrix.Default.PriorityFor(Impact.Low, Urgency.Low), Asymmetric.PriorityFor(Impact.Low, Urgency.Low));
    }

    [Fact]
    public async Task Every_cell_of_a_custom_matrix_gives_the_same_priority_at_create_and_after_reload()
    {
        var engine = NewEngine(new ItsmEngineOptions { Incidents = new IncidentOptions { PriorityMatrix = Asymmetric } });
        foreach (var impact in Impacts)
        {
            foreach (var urgency in Urgencies)
            {
                var id = IncidentId.New();
                var expected = Asymmetric.PriorityFor(impact, urgency);

                var created = await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Mail down", impact, urgency));
                var reloaded = await engine.Incidents.GetAsync(Acme, id, Agent);
                var reloadedByNewEngine = await NewEngine(engine.Options).Incidents.GetAsync(Acme, id, Agent);

                Assert.Equal(expected, created.Record.Priority);
                Assert.Equal(expected, reloaded.Priority);
                Assert.Equal(expected, reloadedByNewEngine.Priority);
                Assert.Same(engine.Options.Incidents, created.Record.Options);
            }
        }
    }

    [Fact]
    public async Task Changing_impact_after_a_reload_derives_the_priority_from_the_custom_matrix()
    {
        var engine = NewEngine(new ItsmEngineOptions { Incidents = new IncidentOptions { PriorityMatrix = Asymmetric } });
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));

        var changed = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new ChangeIncidentImpactOrUrgency(Impact.Medium, Urgency.High));

        Assert.Equal(new Priority(3), changed.Record.Priority);
        Assert.Equal(new Priority(3), (await engine.Incidents.GetAsync(Acme, id, Agent)).Priority);
    }

    [Fact]
    public async Task Each_tenant_gets_its_own_matrix_at_create_and_after_reload()
    {
        var engine = NewEngine(new ItsmEngineOptions
        {
            Incidents = new IncidentOptions { PriorityMatrix = Asymmetric },
            IncidentsByTenant = new Dictionary<TenantId, IncidentOptions> { [Globex] = new() { PriorityMatrix = OtherAsymmetric } },
        });
        var acme = IncidentId.New();
        var globex = IncidentId.New();

        var acmeCreated = await engine.Incidents.CreateAsync(Acme, acme, Agent, new OpenIncident("caller", "Mail down", Impact.High, Urgency.Medium));
        var globexCreated = await engine.Incidents.CreateAsync(Globex, globex, Agent, new OpenIncident("caller", "Mail down", Impact.High, Urgency.Medium));

        Assert.Equal(new Priority(1), acmeCreated.Record.Priority);
        Assert.Equal(new Priority(3), globexCreated.Record.Priority);
        Assert.Equal(new Priority(1), (await engine.Incidents.GetAsync(Acme, acme, Agent)).Priority);
        Assert.Equal(new Priority(3), (await engine.Incidents.GetAsync(Globex, globex, Agent)).Priority);
    }

    [Fact]
    public async Task An_incident_raised_from_an_interaction_follows_its_tenants_matrix()
    {
        var engine = NewEngine(new ItsmEngineOptions
        {
            Incidents = new IncidentOptions { PriorityMatrix = Asymmetric },
            IncidentsByTenant = new Dictionary<TenantId, IncidentOptions> { [Globex] = new() { PriorityMatrix = OtherAsymmetric } },
        });
        foreach (var (tenant, matrix) in new[] { (Acme, Asymmetric), (Globex, OtherAsymmetric) })
        {
            var interaction = InteractionId.New();
            var incident = IncidentId.New();
            await engine.Interactions.CreateAsync(tenant, interaction, Agent, new LogInteraction(Channel.Phone, "caller.jones", "Printer on fire"));

            await engine.RaiseIncidentAsync(tenant, interaction, incident, Agent, Impact.Medium, Urgency.Low);

            var reloaded = await engine.Incidents.GetAsync(tenant, incident, Agent);
            Assert.Equal(matrix.PriorityFor(Impact.Medium, Urgency.Low), reloaded.Priority);
            Assert.Same(engine.Options.IncidentOptionsFor(tenant), reloaded.Options);
        }
    }

    [Fact]
    public async Task An_incident_raised_from_an_interaction_starts_under_its_tenants_workflow()
    {
        var shared = Itsm.Workflows.WorkflowBuilder.ForIncidents("shared").State("Triage", IncidentState.New).Build();
        var own = Itsm.Workflows.WorkflowBuilder.ForIncidents("globex").State("Logged", IncidentState.New).Build();
        var engine = NewEngine(new ItsmEngineOptions { Workflows = Itsm.Workflows.WorkflowCatalog.Empty.With(shared).With(Globex, own) });
        foreach (var (tenant, workflow, state) in new[] { (Acme, shared, "Triage"), (Globex, own, "Logged") })
        {
            var interaction = InteractionId.New();
            var incident = IncidentId.New();
            await engine.Interactions.CreateAsync(tenant, interaction, Agent, new LogInteraction(Channel.Phone, "caller.jones", "Printer on fire"));

            await engine.RaiseIncidentAsync(tenant, interaction, incident, Agent, Impact.Medium, Urgency.Low);

            var reloaded = await engine.Incidents.GetAsync(tenant, incident, Agent);
            Assert.Same(workflow, reloaded.Workflow);
            Assert.Equal(state, reloaded.WorkflowState);
            var opened = Assert.Single(await engine.Incidents.ReadHistoryAsync(tenant, incident, Agent));
            Assert.Equal(state, opened.WorkflowState);
        }
    }

    [Fact]
    public async Task A_change_follows_the_engines_authority_policy_at_create_and_after_reload()
    {
        var policy = new ChangeAuthorityPolicy(ChangeAuthority.None, ChangeAuthority.None, ChangeAuthority.None, new ChangeAuthority("Board", 1, "board"), ChangeAuthority.None);
        var engine = NewEngine(new ItsmEngineOptions { ChangeAuthority = policy });
        var id = ChangeId.New();

        var created = await engine.Changes.CreateAsync(Acme, id, Agent, new OpenChange(ChangeType.Normal, "Patch", "Apply the patch", new ServiceId("mail"), []));
        var reloaded = await engine.Changes.GetAsync(Acme, id, Agent);

        Assert.Same(policy, created.Record.AuthorityPolicy);
        Assert.Same(policy, reloaded.AuthorityPolicy);
    }
}
