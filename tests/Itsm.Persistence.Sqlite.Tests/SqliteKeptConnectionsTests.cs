using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// The store keeps one write connection and a few read connections open, with their statements prepared: commits
/// and loads reuse them, a database error replaces the connection it happened on, and disposing the store closes
/// them and refuses later calls.
/// </summary>
public sealed class SqliteKeptConnectionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Commits_and_keyed_reads_one_after_another_reuse_one_write_and_one_read_connection_and_their_statements()
    {
        using var store = Store(_directory.NewDatabase());
        for (var version = 0; version < 20; version++)
        {
            await store.SaveAsync(Write("INC-1", version, key: new IdempotencyKey("key-" + version, "fingerprint")));
            Assert.Equal(version + 1, (await store.LoadAsync(Tenant, "Incident", "INC-1"))!.Version);
            var loaded = await store.LoadManyAsync(Tenant, [new RecordLoad("Incident", "INC-1"), new RecordLoad("Incident", "INC-2")]);
            Assert.Equal((version + 1, 0L), (loaded[0].Version, loaded[1].Version));
            Assert.Equal("INC-1", (await store.LoadByNumberAsync(Tenant, "Incident", 1))!.RecordId);
            Assert.Equal(version + 1, (await store.FindIdempotencyKeyAsync(Tenant, "key-" + version))!.Version);
        }

        Assert.Equal(1, store.WriteSessionsOpened);
        Assert.Equal(1, store.ReadSessionsOpened);

        // The record writer (once), and one statement for each kind of keyed read.
        Assert.Equal(5, store.StatementsCreated);
    }

    [Fact]
    public async Task Concurrent_loads_keep_at_most_the_idle_limit_and_read_what_was_committed()
    {
        using var store = Store(_directory.NewDatabase());
        for (var i = 0; i < 8; i++)
        {
            await store.SaveAsync(Write("INC-" + i, 0));
        }

        var loads = Enumerable.Range(0, 400).Select(i => Task.Run(() => store.LoadAsync(Tenant, "Incident", "INC-" + (i % 8)))).ToArray();
        var records = await Task.WhenAll(loads);

        Assert.All(records, record => Assert.Equal(1, record!.Version));
        Assert.InRange(store.IdleReadSessions, 1, SqliteAggregateStore.MaxIdleReadSessions);
    }

    [Fact]
    public async Task A_database_error_during_a_commit_replaces_the_write_connection_and_the_next_commit_succeeds()
    {
        var path = _directory.NewDatabase();
        using var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        Sql.Execute(path, "CREATE TRIGGER refuse_all BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'refused by the host'); END");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Write("INC-1", 1)));

        Assert.Contains("refused by the host", error.Message, StringComparison.Ordinal);
        Sql.Execute(path, "DROP TRIGGER refuse_all");
        await store.SaveAsync(Write("INC-1", 1));
        Assert.Equal(2, (await store.LoadAsync(Tenant, "Incident", "INC-1"))!.Version);
        Assert.Equal(2, store.WriteSessionsOpened);
    }

    [Fact]
    public async Task A_disposed_store_refuses_every_call_with_ObjectDisposedException()
    {
        var store = Store(_directory.NewDatabase());
        await store.SaveAsync(Write("INC-1", 0));
        store.Dispose();
        store.Dispose(); // a second dispose does nothing

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync(Tenant, "Incident", "INC-1"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadManyAsync(Tenant, [new RecordLoad("Incident", "INC-1")]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveAsync(Write("INC-1", 1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.QueryAsync(Tenant, new RecordQuery()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));
    }

    [Fact]
    public async Task Disposing_the_store_closes_its_file()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        await store.LoadAsync(Tenant, "Incident", "INC-1");
        SqliteConnection.ClearAllPools();
        if (OperatingSystem.IsLinux())
        {
            Assert.NotEqual(0, OpenHandles(path)); // the kept connections, which the pool does not hold
        }

        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(0, OpenHandles(path));
        }
        else
        {
            File.Delete(path); // refused while a handle is open (Windows)
        }
    }

    [Fact]
    public async Task Disposing_the_store_while_writers_and_readers_run_loses_no_acknowledged_save_and_leaves_the_file_closed()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = 0;

        // Each worker saves its own record and reads it back until the store refuses; it returns the versions acknowledged.
        async Task<long> Work(string id)
        {
            await gate.Task;
            long acknowledged = 0;
            try
            {
                while (true)
                {
                    // The store's calls complete synchronously when nothing is queued: yield, as independent requests would.
                    await Task.Yield();
                    acknowledged = (await store.SaveAsync(Write(id, acknowledged))).Version;
                    Interlocked.Increment(ref saves);
                    _ = await store.LoadManyAsync(Tenant, [new RecordLoad("Incident", id)]);
                }
            }
            catch (ObjectDisposedException)
            {
                return acknowledged;
            }
        }

        var workers = Enumerable.Range(0, 8).Select(i => Task.Run(() => Work("INC-" + i))).ToArray();
        gate.SetResult();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref saves) < 40 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        await store.DisposeAsync();
        var acknowledged = await Task.WhenAll(workers);

        Assert.True(acknowledged.All(v => v > 0), string.Join(",", acknowledged) + " saves " + saves);
        using (var reopened = Store(path))
        {
            for (var i = 0; i < acknowledged.Length; i++)
            {
                Assert.Equal(acknowledged[i], (await reopened.LoadAsync(Tenant, "Incident", "INC-" + i))!.Version);
            }
        }

        SqliteConnection.ClearAllPools();
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(0, OpenHandles(path));
        }
    }

    // The process's file descriptors (Linux) on the database file or its -wal and -shm files.
    private static int OpenHandles(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => fd.LinkTarget)
            .Count(target => target is not null && target.StartsWith(path, StringComparison.Ordinal));
}
