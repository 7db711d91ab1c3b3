using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Persistence.Sqlite;
using NodaTime;
using NodaTime.Testing;
using Xunit.Abstractions;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class SqliteImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"itsm-import-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task BpicIntoSqlite_StoresTheAcceptedTickets_InBatches_AndReimportsNothing()
    {
        var engine = new ItsmEngine(new SqliteAggregateStore(new SqliteStoreOptions { Path = _path }), ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 1, 5, 9, 0)));
        var importer = new IncidentHistoryImporter(engine, ImportMapping.Bpic2013);
        var period = new Interval(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0));

        var watch = Stopwatch.StartNew();
        ImportReport report;
        using (var log = Bpic2013Log.Open())
        {
            report = await importer.ImportAsync(Tenant, Importer, log);
        }

        watch.Stop();
        output.WriteLine($"{report.EventsRead} events, {report.Accepted} tickets, {report.CommandsApplied} commands into SQLite in {watch.Elapsed.TotalSeconds:F2} s: {report.EventsRead / watch.Elapsed.TotalSeconds:F0} events/s");
        var audit = (await engine.ReadAuditAsync(Tenant, Importer, period)).Count;

        ImportReport again;
        using (var log = Bpic2013Log.Open())
        {
            again = await importer.ImportAsync(Tenant, Importer, log);
        }

        Assert.Equal(report.CommandsApplied, audit);
        Assert.Equal((0, report.Accepted), (again.Accepted, again.AlreadyImported));
        Assert.Equal(audit, (await engine.ReadAuditAsync(Tenant, Importer, period)).Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
