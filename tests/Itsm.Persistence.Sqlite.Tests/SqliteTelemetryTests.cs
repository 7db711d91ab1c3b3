using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Tests.Telemetry;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>The SQLite store's activities and instruments, under the engine's (docs/observability.md).</summary>
[Collection(TelemetryCollection.Name)]
public sealed class SqliteTelemetryTests : System.IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public Task Commands_and_reads_on_SQLite_emit_the_documented_activities_and_instruments_with_db_system_sqlite() =>
        CommandTelemetryScenario.RunAsync(new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase() }), "sqlite");

    [Fact]
    public async Task A_group_commit_records_how_many_units_it_wrote()
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase(), GroupCommit = true });
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0)));
        using var capture = new TelemetryCapture(activities: false);

        await engine.Incidents.CreateAsync(CommandTelemetryScenario.Tenant, IncidentId.New(), new Actor("agent.ada", "itil"), new OpenIncident("caller.cy", "Mail is down", Impact.Low, Urgency.Low));

        var size = Assert.Single(capture.Of("itsm.store.group_commit.size"));
        Assert.Equal((1d, "{unit}", "sqlite"), (size.Value, size.Unit, size.Tag("db.system")));
    }

    [Fact]
    public async Task Without_group_commit_no_group_size_is_recorded()
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase(), GroupCommit = false });
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0)));
        using var capture = new TelemetryCapture(activities: false);

        await engine.Incidents.CreateAsync(CommandTelemetryScenario.Tenant, IncidentId.New(), new Actor("agent.ada", "itil"), new OpenIncident("caller.cy", "Mail is down", Impact.Low, Urgency.Low));

        Assert.Empty(capture.Of("itsm.store.group_commit.size"));
        Assert.Contains(capture.Of("itsm.store.operation.duration"), m => m.Tag("db.operation.name") == "save");
    }

    public void Dispose() => _directory.Dispose();
}
