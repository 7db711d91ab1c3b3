using System;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Testing;
using Itsm.Workflows;
using static Itsm.Core.Tests.Workflows.WorkflowEngineFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>The laws of the bulk migration, over random incident lives under version 1.</summary>
public sealed class WorkflowMigrationLawTests
{
    [Property(MaxTest = 40)]
    public Property The_bulk_migration_maps_every_record_once_keeps_its_library_state_and_a_second_run_does_nothing() =>
        Prop.ForAll(
            ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(),
            ArbMap.Default.ArbFor<bool>(),
            (scenario, wait) => Migrates(scenario, wait).Result);

    private static async Task<bool> Migrates(LifecycleScenario<Incident, IncidentId> scenario, bool wait)
    {
        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(IncidentV1) });
        var v1 = test.Engine;
        await v1.Incidents.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, scenario.Create);
        foreach (var step in scenario.Steps)
        {
            test.Clock.Advance(step.After);
            try
            {
                await v1.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command);
            }
            catch (Exception ex) when (ex is InvalidTransitionException or DomainRuleViolationException or ArgumentException)
            {
                // A refused step changes nothing; the life goes on.
            }
        }

        var before = await v1.Incidents.GetAsync(scenario.Tenant, scenario.Id, Migrator);
        if (wait && before.WorkflowState == "Investigating")
        {
            before = (await v1.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, Migrator, new TransitionIncidentWorkflow("wait-for-change"))).Record;
        }

        var v2 = new ItsmEngine(test.Store, ItsmAuthorizers.AllowAll, test.Clock, new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(IncidentV2) });
        var first = await v2.MigrateWorkflowsAsync(scenario.Tenant, "Incident", Migrator);
        var second = await v2.MigrateWorkflowsAsync(scenario.Tenant, "Incident", Migrator);
        var after = await v2.Incidents.GetAsync(scenario.Tenant, scenario.Id, Migrator);
        var history = await test.Store.ReadHistoryAsync(scenario.Tenant, Incident.RecordType, scenario.Id.ToString());

        var expected = before.WorkflowState == "Awaiting Change" ? "Awaiting Release" : before.WorkflowState;
        return first.Migrated == 1 && second.Migrated == 0 && second.AlreadyCurrent == 1
            && after.Workflow == IncidentV2 && after.WorkflowState == expected && after.State == before.State
            && after.Version == before.Version + 1
            && history.Count(e => e.Command == "MigrateWorkflow") == 1;
    }
}
