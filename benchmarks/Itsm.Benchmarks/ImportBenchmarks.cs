using System;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Import;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// History import of the whole BPI Challenge 2013 log (tests/data: 65,533 events of 7,554 tickets, all
/// accepted, 72,012 commands) with <see cref="IncidentHistoryImporter"/>, into a new SQLite file
/// (<c>synchronous = FULL</c>) and into <see cref="InMemoryAggregateStore"/> (the engine and replay
/// without a database). The physical limit beside them: the same number of records and audit rows,
/// with the same schema and indexes (triggers off, as the store's batch insert runs), in 38 transactions, written by SQLite itself
/// (<c>INSERT … SELECT</c> from generated rows: no .NET, no parsing, no binding).
/// </summary>
/// <remarks>Events per second = 65,533 / Mean. One operation takes seconds, so each iteration is one import into a new file.</remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(Config))]
public class ImportBenchmarks
{
    /// <summary>
    /// Two jobs: the runtime's default garbage collector (workstation, concurrent), and the settings of a batch process
    /// (<c>ConcurrentGarbageCollection</c> off, as the import sample sets it): on two cores the background collector's
    /// thread competes with the replay and the store's thread.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
            AddJob(job.WithGcConcurrent(true).WithId("DefaultGc")); // the runtime's default, said explicitly so that each job gets its own build
            AddJob(job.WithGcConcurrent(false).WithId("BatchGc"));
        }
    }

    /// <summary>The log's events.</summary>
    public const int Events = 65_533;

    private static readonly TenantId Tenant = new("import");
    private static readonly Actor Importer = new("history-import", "system");

    private byte[] _log = null!;
    private string _directory = null!;
    private string _database = null!;

    /// <summary>Unzips the log into memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Itsm.Core.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("The repository root is not above the benchmark.");
        }

        using var archive = ZipFile.OpenRead(Path.Combine(root, "tests", "data", "volvo-it-incidents-bpic2013.csv.zip"));
        using var entry = archive.GetEntry("VINST-new.csv")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        _log = copy.ToArray();
        _directory = Directory.CreateTempSubdirectory("itsm-import-bench-").FullName;
    }

    /// <summary>A new database file for each iteration.</summary>
    [IterationSetup]
    public void NewDatabase() => _database = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The physical limit: SQLite writing the rows an import writes, with nothing else.</summary>
    [Benchmark(Baseline = true)]
    public async Task SqliteRowsOnly()
    {
        using (var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _database }))
        {
            _ = await store.LoadAsync(Tenant, Incident.RecordType, "schema"); // creates the schema
        }

        using var connection = new SqliteConnection($"Data Source={_database}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL");

        // As the store's batch insert does while its append-only guards are the file's only triggers.
        _ = SQLitePCL.raw.sqlite3_db_config(connection.Handle!, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, out _);
        Execute(connection, "CREATE TEMP TABLE ids AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7554) SELECT i, lower(hex(randomblob(16))) AS id FROM n");
        Execute(connection, "CREATE TEMP TABLE vs AS WITH RECURSIVE m(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM m WHERE v < 10) SELECT v FROM m");
        for (int from = 0; from < 7554; from += 200)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"""
                INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at)
                SELECT 'import', 'Incident', id, 10, printf('%.790c', 'x'), 'Closed', 0, NULL, 'G96', 3, i * 1000, NULL FROM ids WHERE i > {from} AND i <= {from + 200}
                """);

            // 9.5 audit rows a ticket on average: ten for most, nine for every second one.
            Execute(connection, $$"""
                INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)
                SELECT 'import', 'Incident', id, v, (i * 10 + v) * 1000, 'fr-Frederic', 'itil', 'Assign', 'New', 'InProgress', '{"group":"V30","fromGroup":"V5 3rd"}', i * 10 + v
                FROM ids, vs WHERE i > {{from}} AND i <= {{from + 200}} AND (v < 10 OR i % 2 = 0) ORDER BY i, v
                """);
            transaction.Commit();
        }
    }

    /// <summary>The import into SQLite, in batches of 1,000 tickets (the default, the most a unit of work holds): 8 transactions.</summary>
    [Benchmark]
    public Task<ImportReport> ImportIntoSqlite() =>
        ImportAsync(new SqliteAggregateStore(new SqliteStoreOptions { Path = _database }));

    /// <summary>The import into SQLite as it ran before 0.3: batches of 200 tickets (38 transactions), checkpoints by the committing writer, SQLite's 2 MiB page cache.</summary>
    [Benchmark]
    public Task<ImportReport> ImportIntoSqliteAsBefore() =>
        ImportAsync(
            new SqliteAggregateStore(new SqliteStoreOptions { Path = _database, BackgroundCheckpoints = false, PageCacheKibibytes = 2000 }),
            new IncidentHistoryImportOptions { BatchSize = 200 });

    /// <summary>The import into memory: replay and engine, no database.</summary>
    [Benchmark]
    public Task<ImportReport> ImportIntoMemory() => ImportAsync(new InMemoryAggregateStore());

    private async Task<ImportReport> ImportAsync(IAggregateStore store, IncidentHistoryImportOptions? options = null)
    {
        var mapping = ImportMapping.Bpic2013;
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, SystemClock.Instance, new ItsmEngineOptions { Incidents = mapping.Lifecycle.ApplyTo(IncidentOptions.Default) });
        using var input = new MemoryStream(_log, writable: false);
        try
        {
            var report = await new IncidentHistoryImporter(engine, mapping, options).ImportAsync(Tenant, Importer, input);
            return report.Accepted == 7554 ? report : throw new InvalidOperationException($"Expected 7,554 accepted tickets, got {report.Accepted}.");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
