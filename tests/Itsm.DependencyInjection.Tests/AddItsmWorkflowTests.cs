using System.Threading.Tasks;
using Itsm.Common;
using Itsm.DependencyInjection;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.DependencyInjection.Tests;

/// <summary>Workflows configured through the builder reach the engine's catalog: shared, per tenant, and a new version replacing the old.</summary>
public sealed class AddItsmWorkflowTests
{
    private static readonly Actor Agent = new("agent.smith", "itil");
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    private static Workflow<IncidentState, IncidentCommand> Triage(string id, int version = 1, Workflow<IncidentState, IncidentCommand>? previous = null)
    {
        var builder = WorkflowBuilder.ForIncidents(id, version).State("Triage", IncidentState.New).State("Investigating", IncidentState.InProgress);
        return previous is null ? builder.Build() : builder.Replaces(previous).Build();
    }

    [Fact]
    public async Task AddWorkflow_puts_shared_and_tenant_workflows_in_the_engines_catalog()
    {
        var v1 = Triage("shared");
        var v2 = Triage("shared", 2, v1);
        var own = Triage("globex");
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock).AddWorkflow(v1).AddWorkflow(v2).AddWorkflow(new TenantId("globex"), own))
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ItsmEngine>();

        var acme = await engine.Incidents.CreateAsync(new TenantId("acme"), IncidentId.New(), Agent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));
        var globex = await engine.Incidents.CreateAsync(new TenantId("globex"), IncidentId.New(), Agent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));

        Assert.Same(v2, acme.Record.Workflow);
        Assert.Same(own, globex.Record.Workflow);
        Assert.Same(WorkflowCatalog.Empty, new ItsmOptions().ToEngineOptions().Workflows);
    }

    [Fact]
    public void RetainWorkflow_keeps_shared_and_tenant_workflows_readable_without_starting_records_under_them()
    {
        var old = Triage("vendor");
        var own = Triage("globex");
        var current = Triage("vendor-2024");
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock).AddWorkflow(current).RetainWorkflow(old).RetainWorkflow(new TenantId("globex"), own))
            .Services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<ItsmEngine>().Options.Workflows;

        Assert.Equal([current], catalog.Workflows);
        Assert.Equal([old, own], catalog.RetainedWorkflows);
        Assert.Same(own, catalog.Find(new TenantId("globex"), "Incident", "globex", 1));
        Assert.Null(catalog.Find(new TenantId("acme"), "Incident", "globex", 1));
    }

    [Fact]
    public void A_null_catalog_is_reported_when_the_engine_starts()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock))
            .Services.Configure<ItsmOptions>(o => o.Workflows = null!)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ItsmEngine>());

        Assert.Equal(["Workflows: the workflow catalog is missing; use WorkflowCatalog.Empty for none."], error.Failures);
    }
}
