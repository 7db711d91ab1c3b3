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
        var (test, before) = await LifeUnderV1Async(scenario, wait);
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
