using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Workflows with two versions, a change workflow, and engines over one store with a catalog of them.</summary>
internal static class WorkflowEngineFixtures
{
    /// <summary>Version 1: triage, investigating, awaiting change (which refuses Resolve).</summary>
    public static Workflow<IncidentState, IncidentCommand> IncidentV1 { get; } = WorkflowBuilder.ForIncidents("acme-incident")
        .State("Triage", IncidentState.New)
        .State("Investigating", IncidentState.InProgress)
        .State("Awaiting Change", IncidentState.InProgress)
        .Block("Awaiting Change", IncidentCommand.Resolve)
        .Transition("wait-for-change", "Investigating", "Awaiting Change")
        .Transition("change-released", "Awaiting Change", "Investigating", WorkflowGuard.AnyRole("itil"))
        .Build();

    /// <summary>Version 2 replaces "Awaiting Change" with "Awaiting Release" and maps the one to the other.</summary>
    public static Workflow<IncidentState, IncidentCommand> IncidentV2 { get; } = WorkflowBuilder.ForIncidents("acme-incident", 2)
        .State("Triage", IncidentState.New)
        .State("Investigating", IncidentState.InProgress)
        .State("Awaiting Release", IncidentState.InProgress)
        .Block("Awaiting Release", IncidentCommand.Resolve)
        .Transition("wait-for-release", "Investigating", "Awaiting Release")
        .Transition("released", "Awaiting Release", "Investigating")
        .Replaces(IncidentV1)
        .Maps("Awaiting Change", "Awaiting Release")
        .Build();

    /// <summary>A vendor's replacement of <c>acme-incident</c> under another id: "Triage" and "Awaiting Change" kept by name, "Investigating" gone ("Diagnosing" is InProgress's entry), "Parked" inside OnHold.</summary>
    public static Workflow<IncidentState, IncidentCommand> IncidentVendor2024 { get; } = WorkflowBuilder.ForIncidents("acme-incident-2024")
        .State("Triage", IncidentState.New)
        .State("Diagnosing", IncidentState.InProgress)
        .State("Awaiting Change", IncidentState.InProgress)
        .State("Parked", IncidentState.OnHold)
        .Transition("wait-for-change", "Diagnosing", "Awaiting Change")
        .Build();

    /// <summary>Another tenant's own incident workflow: "Queued" inside New, "Working" inside InProgress.</summary>
    public static Workflow<IncidentState, IncidentCommand> GlobexIncident { get; } = WorkflowBuilder.ForIncidents("globex-incident")
        .State("Queued", IncidentState.New)
        .State("Working", IncidentState.InProgress)
        .Build();

    /// <summary>A normal change with a peer review before it may ask for authorization.</summary>
    public static Workflow<ChangeState, ChangeCommand> PeerReview { get; } = WorkflowBuilder.ForChanges(ChangeType.Normal, "acme-normal-change")
        .State("Peer Review", ChangeState.Assess)
        .State("Ready for CAB", ChangeState.Assess)
        .Block("Peer Review", ChangeCommand.RequestAuthorization)
        .Transition("peer-reviewed", "Peer Review", "Ready for CAB", WorkflowGuard.AnyRole("peer", "itil"))
        .Build();

    public static TenantId Acme { get; } = new("acme");

    public static TenantId Globex { get; } = new("globex");

    public static TenantId Initech { get; } = new("initech");

    public static Actor Agent { get; } = new("agent.smith", "itil");

    public static Actor Migrator { get; } = new("workflow-migrator", "system");

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static OpenIncident Open() => new("caller.jones", "Mail is down", Impact.Medium, Urgency.Medium, new ServiceId("email"));

    /// <summary>An incident of tenant Acme created under <see cref="IncidentV1"/> in <paramref name="store"/>, assigned (so "Investigating") and, when asked, waiting for a change.</summary>
    public static async System.Threading.Tasks.Task<IncidentId> IncidentUnderV1Async(IAggregateStore store, IClock clock, bool waiting = true)
    {
        var engine = EngineOver(store, clock, WorkflowCatalog.Empty.With(Acme, IncidentV1));
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, Open());
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        if (waiting)
        {
            await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("wait-for-change"));
        }

        return id;
    }

    /// <summary>
    /// Lives <paramref name="scenario"/> under <see cref="IncidentV1"/> (shared) on a new test engine, refused steps changing
    /// nothing, and with <paramref name="wait"/> moves an "Investigating" incident to "Awaiting Change"; returns the engine and the incident.
    /// </summary>
    public static async System.Threading.Tasks.Task<(Itsm.Testing.ItsmTestEngine Test, Incident Before)> LifeUnderV1Async(Itsm.Testing.LifecycleScenario<Incident, IncidentId> scenario, bool wait)
    {
        var test = Itsm.Testing.ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(IncidentV1) });
        var engine = test.Engine;
        await engine.Incidents.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, scenario.Create);
        foreach (var step in scenario.Steps)
        {
            test.Clock.Advance(step.After);
            try
            {
                await engine.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command);
            }
            catch (System.Exception ex) when (ex is InvalidTransitionException or DomainRuleViolationException or System.ArgumentException)
            {
                // A refused step changes nothing; the life goes on.
            }
        }

        var before = await engine.Incidents.GetAsync(scenario.Tenant, scenario.Id, Migrator);
        if (wait && before.WorkflowState == "Investigating")
        {
            before = (await engine.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, Migrator, new TransitionIncidentWorkflow("wait-for-change"))).Record;
        }

        return (test, before);
    }

    public static ItsmEngine EngineOver(IAggregateStore store, IClock clock, WorkflowCatalog catalog, IItsmAuthorizer? authorizer = null, IReadOnlyList<Itsm.Sla.Agreement>? agreements = null) =>
        new(store, authorizer ?? ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions
        {
            Workflows = catalog,
            Agreements = agreements ?? [],
            Calendars = new Dictionary<string, Itsm.BusinessTime.BusinessCalendar> { ["uk-office"] = Itsm.Core.Tests.Sla.SlaFixtures.UkOffice },
        });
}
