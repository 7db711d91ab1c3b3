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

/// <summary>The law of migrating from a retained workflow, over random incident lives under the old workflow.</summary>
public sealed class RetainedWorkflowLawTests
{
    [Property(MaxTest = 30)]
    public Property Migrating_from_a_retained_workflow_keeps_the_library_state_and_a_same_named_state_else_enters_the_entry_state() =>
        Prop.ForAll(
            ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(),
            ArbMap.Default.ArbFor<bool>(),
            (scenario, wait) => Migrates(scenario, wait).Result);

    private static async Task<bool> Migrates(LifecycleScenario<Incident, IncidentId> scenario, bool wait)
    {
        var (test, before) = await LifeUnderV1Async(scenario, wait);
        var switched = new ItsmEngine(test.Store, ItsmAuthorizers.AllowAll, test.Clock, new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(IncidentVendor2024).Retaining(IncidentV1) });
        var loaded = await switched.Incidents.GetAsync(scenario.Tenant, scenario.Id, Migrator);
        var first = await switched.MigrateWorkflowsAsync(scenario.Tenant, "Incident", Migrator);
        var second = await switched.MigrateWorkflowsAsync(scenario.Tenant, "Incident", Migrator);
        var withoutOld = new ItsmEngine(test.Store, ItsmAuthorizers.AllowAll, test.Clock, new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(IncidentVendor2024) });
        var after = await withoutOld.Incidents.GetAsync(scenario.Tenant, scenario.Id, Migrator);
        var entry = (await test.Store.ReadHistoryAsync(scenario.Tenant, Incident.RecordType, scenario.Id.ToString()))[^1];

        var name = before.WorkflowState!;
        var expected = IncidentVendor2024.ParentNameOf(name) == before.State.ToString() ? name : IncidentVendor2024.EntryStateOf(before.State);
        return loaded.Workflow == IncidentV1 && loaded.WorkflowState == before.WorkflowState && loaded.PermittedCommands.SequenceEqual(before.PermittedCommands)
            && first.Migrated == 1 && second.Migrated == 0 && second.AlreadyCurrent == 1
            && after.Workflow == IncidentVendor2024 && after.WorkflowState == expected && after.State == before.State
            && after.Version == before.Version + 1
            && entry.Event == new WorkflowMigrated("acme-incident-2024", 1, 1, name, expected, "acme-incident");
    }
}
