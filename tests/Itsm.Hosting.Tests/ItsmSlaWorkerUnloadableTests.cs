using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Sla;
using Itsm.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using static Itsm.Hosting.Tests.SlaWorld;

namespace Itsm.Hosting.Tests;

/// <summary>
/// On a store without due claims, due records that cannot be loaded (a missing workflow, corrupt state) are listed
/// first at every look; the worker skips them at their unchanged version, so the due records behind them are reached.
/// </summary>
public sealed class ItsmSlaWorkerUnloadableTests : IDisposable
{
    private const int BatchSize = 2;
    private const int Unloadable = 3;
    private const int Healthy = 3;

    private static readonly Workflow<IncidentState, IncidentCommand> AcmeIncident =
        WorkflowBuilder.ForIncidents("acme-incident").State("Investigating", IncidentState.InProgress).Build();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "itsm-sla-unloadable-" + Guid.NewGuid().ToString("N"));

    public ItsmSlaWorkerUnloadableTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this platform: the temporary directory is cleaned later.
        }
    }

    [Fact]
    public async Task Due_records_behind_records_whose_workflow_is_missing_are_handled_on_the_in_memory_store()
    {
        var store = new InMemoryAggregateStore();
        await DueRecordsBehindUnloadableOnesAreHandledAsync(store, async (clock, id) =>
        {
            var withWorkflow = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions { Agreements = [Gold], Workflows = WorkflowCatalog.Empty.With(Tenant, AcmeIncident) });
            await withWorkflow.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
        });
    }

    [Fact]
    public async Task Due_records_behind_corrupt_records_are_handled_on_SQLite()
    {
        var path = Path.Combine(_directory, "itsm.db");
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path });
        await DueRecordsBehindUnloadableOnesAreHandledAsync(store, async (clock, id) =>
        {
            var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions { Agreements = [Gold] });
            await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE records SET state = '{not json' WHERE record_id = $id";
            command.Parameters.AddWithValue("$id", id.ToString());
            Assert.Equal(1, command.ExecuteNonQuery());
        });
    }

    // The unloadable records are opened first, so the due index (ordered by opening) lists them first at every look.
    private static async Task DueRecordsBehindUnloadableOnesAreHandledAsync(IAggregateStore store, Func<FakeClock, IncidentId, Task> openUnloadable)
    {
        var clock = new FakeClock(Start);
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions { Agreements = [Gold] });
        var unloadable = new List<IncidentId>();
        for (int i = 0; i < Unloadable; i++)
        {
            var id = IncidentId.New();
            await openUnloadable(clock, id);
            unloadable.Add(id);
            clock.Advance(Duration.FromMinutes(1));
        }

        var healthy = new List<IncidentId>();
        for (int i = 0; i < Healthy; i++)
        {
            var id = IncidentId.New();
            await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
            healthy.Add(id);
            clock.Advance(Duration.FromMinutes(1));
        }

        var options = new ItsmSlaWorkerOptions { BatchSize = BatchSize };
        options.Tenants.Add(Tenant);
        var worker = new ItsmSlaWorker(engine, Microsoft.Extensions.Options.Options.Create(options), NullLogger<ItsmSlaWorker>.Instance, TimeProvider.System);
        clock.Reset(Start + Duration.FromHours(3.5));

        // As the hosted service does: look again at once while a look reports more, then after the poll interval.
        var looks = new List<ItsmSlaWorkerLook>();
        for (int i = 0; i < Unloadable + Healthy + 2; i++)
        {
            looks.Add(await worker.RunOnceAsync());
        }

        foreach (var id in healthy)
        {
            Assert.Equal(new[] { 50.0, 75.0 }, (await Thresholds(store, id)).Select(t => t.ThresholdPercent));
        }

        Assert.Equal(Healthy * 2, looks.Sum(l => l.Recorded));
        Assert.False(looks[^1].HasMore);
        foreach (var id in unloadable)
        {
            Assert.Empty(await Thresholds(store, id));
        }
    }

    private static async Task<IReadOnlyList<SlaThresholdReached>> Thresholds(IAggregateStore store, IncidentId id) =>
        (await store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString())).Where(e => e.Command == "SlaThreshold").Select(e => (SlaThresholdReached)e.Event).ToList();
}
