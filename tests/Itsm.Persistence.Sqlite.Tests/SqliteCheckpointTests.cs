using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// <see cref="SqliteStoreOptions.BackgroundCheckpoints"/>: who copies the write-ahead log into the database file. Until a
/// checkpoint runs, committed pages live only in the <c>-wal</c> file, so the main file's length shows whether one ran.
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    // About 2,400 pages of log: past the background threshold (1,000), well short of the writers' backstop (10,000).
    private const int Records = 400;
    // SQLite's default page size, which the store keeps.
    private const long PageSize = 4096;

    private static readonly string BigState = "{\"v\":\"" + new string('x', 16_000) + "\"}";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Background_checkpoints_are_on_by_default() => Assert.True(new SqliteStoreOptions().BackgroundCheckpoints);

    [Fact]
    public async Task With_background_checkpoints_the_log_reaches_the_database_file_without_a_writer_copying_it()
    {
        var path = _directory.NewDatabase();
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path });
        await WriteAsync(store);

        // The writers' own checkpoint waits for 10,000 pages, so only the background one can have grown the file. It
        // is queued once 1,000 pages are committed and copies every page committed when it runs: at least those 1,000.
        // How many more depends on when the thread pool runs it (on a busy machine the writes may be over by then and
        // the rest, under 1,000 pages, stays in the log for the next), so the first 1,000 are what is awaited.
        const long copied = SqliteAggregateStore.BackgroundCheckpointPages * PageSize;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (new FileInfo(path).Length < copied && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(new FileInfo(path).Length >= copied, $"The database file holds {new FileInfo(path).Length} bytes: no checkpoint copied the log into it.");
        await AssertIntactAsync(store, path);
    }

    [Fact]
    public async Task Without_background_checkpoints_the_committing_writer_checkpoints_at_a_thousand_pages()
    {
        var path = _directory.NewDatabase();
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path, BackgroundCheckpoints = false });
        await WriteAsync(store);

        // SQLite's default: the commit that took the log past 1,000 pages copied it before returning; nothing else runs.
        Assert.True(new FileInfo(path).Length >= SqliteAggregateStore.BackgroundCheckpointPages * PageSize, $"The database file holds {new FileInfo(path).Length} bytes after the writes returned.");
        await AssertIntactAsync(store, path);
    }

    [Fact]
    public async Task Writers_and_readers_run_while_background_checkpoints_copy_the_log()
    {
        var path = _directory.NewDatabase();
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path });
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            do
            {
                _ = await store.LoadAsync(Samples.Tenant, "Incident", "r-0-0");
                Interlocked.Increment(ref reads);
            }
            while (!stop.IsCancellationRequested);
        });

        var writers = new Task[4];
        for (var w = 0; w < writers.Length; w++)
        {
            var writer = w;
            writers[w] = Task.Run(async () =>
            {
                for (var i = 0; i < Records / writers.Length; i++)
                {
                    await store.SaveAsync(Samples.Write($"r-{writer}-{i}", 0, BigState));
                }
            });
        }

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await reader;

        Assert.True(reads > 0);
        await AssertIntactAsync(store, path, i => $"r-{i % writers.Length}-{i / writers.Length}");
    }

    private static async Task WriteAsync(SqliteAggregateStore store)
    {
        for (var i = 0; i < Records; i++)
        {
            await store.SaveAsync(Samples.Write($"r-{i}", 0, BigState));
        }
    }

    private static async Task AssertIntactAsync(SqliteAggregateStore store, string path, Func<int, string>? idOf = null)
    {
        idOf ??= i => $"r-{i}";
        for (var i = 0; i < Records; i += 7)
        {
            var stored = await store.LoadAsync(Samples.Tenant, "Incident", idOf(i));
            Assert.NotNull(stored);
            Assert.Equal(BigState, stored.State);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM records), (SELECT integrity_check FROM pragma_integrity_check)";
        using var row = command.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(Records, row.GetInt64(0));
        Assert.Equal("ok", row.GetString(1));
    }
}
