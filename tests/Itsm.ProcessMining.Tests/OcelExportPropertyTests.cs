using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Testing;

namespace Itsm.ProcessMining.Tests;

/// <summary>Laws of the export over generated incident histories (<see cref="ItsmGenerators.IncidentScenarios"/>).</summary>
public sealed class OcelExportPropertyTests
{
    private static Gen<IncidentScenario[]> Histories =>
        Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(ItsmGenerators.IncidentScenarios, n));

    /// <summary>
    /// For any set of incident histories of a tenant: one event per audit entry, with the entry's id, in the
    /// entries' order; a log that validates against the published schema and is consistent; and each incident's
    /// state over time is its opening state and then every change of state the audit recorded, ending in the
    /// incident's state, as its priority ends in the incident's priority.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property Every_entry_becomes_one_event_and_each_incident_ends_in_its_state_and_priority() =>
        Prop.ForAll(Histories.ToArbitrary(), histories =>
        {
            foreach (var tenant in histories.DistinctBy(h => h.Id).GroupBy(h => h.Tenant))
            {
                var incidents = tenant.Select(h => h.Run().Incident).ToList();
                var entries = incidents.SelectMany(i => i.UncommittedAuditEntries).ToList();

                var log = ExportedLog.OfAsync(entries).GetAwaiter().GetResult();

                Assert.Equal(entries.Count, log.Summary.Events);
                Assert.Equal(entries.Select(ExportedLog.EventId), log.Events.Select(e => ExportedLog.Text(e, "id")));
                Assert.Empty(log.SchemaErrors());
                Assert.Empty(log.ConsistencyProblems());
                foreach (var incident in incidents)
                {
                    var id = ExportedLog.ObjectId(Incident.RecordType, incident.Id);
                    var own = incident.UncommittedAuditEntries;
                    var expectedStates = own.Take(1).Select(e => e.ToState).Concat(own.Skip(1).Where(e => e.ToState != e.FromState).Select(e => e.ToState));
                    Assert.Equal(expectedStates, log.Values(id, "state"));
                    Assert.Equal(incident.State.ToString(), log.Values(id, "state")[^1]);
                    Assert.Equal(incident.Priority.Value.ToString(CultureInfo.InvariantCulture), log.Values(id, "priority")[^1]);
                }
            }
        });
}
