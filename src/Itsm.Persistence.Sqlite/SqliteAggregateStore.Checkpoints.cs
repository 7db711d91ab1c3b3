using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Itsm.Persistence.Sqlite;

// WAL checkpoints off the committing writer's thread (SqliteStoreOptions.BackgroundCheckpoints): measured in
// benchmarks/README.md ("Checkpoints in the background, a 16 MiB page cache, batches of 1,000").
public sealed partial class SqliteAggregateStore
{
    /// <summary>
    /// Pages written to the WAL since the last checkpoint after which the background checkpointer runs: SQLite's
    /// own default for <c>wal_autocheckpoint</c>, so the WAL stays as small as without background checkpoints.
    /// </summary>
    internal const int BackgroundCheckpointPages = 1000;

    /// <summary>
    /// The writers' own <c>wal_autocheckpoint</c> while background checkpoints are on: a backstop that bounds the
    /// WAL (about 40 MB with 4 KB pages) should the checkpointer fall behind or fail.
    /// </summary>
    internal const int BackstopCheckpointPages = 10_000;

    // One checkpointer per database file and connection settings (the same key as the commit queue), shared by
    // every store instance over it in this process.
    private static readonly ConcurrentDictionary<string, WalCheckpointer> Checkpointers = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts the pages a committed write put in the WAL (SQLite's per-connection count, read and reset) and wakes
    /// the checkpointer when enough have accumulated.
    /// </summary>
    private void NoteWritten(SqliteConnection connection)
    {
        if (_checkpointer is not null
            && raw.sqlite3_db_status(connection.Handle!, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1) == raw.SQLITE_OK
            && pages > 0)
        {
            _checkpointer.Written(this, pages);
        }
    }

    /// <summary>
    /// Runs SQLite's PASSIVE checkpoint on a thread-pool thread and its own connection (which never creates the file),
    /// at most one at a time per file: it copies committed WAL frames into the database file without taking the write lock, so writers go on
    /// committing meanwhile, and readers are never blocked. It is an optimisation only: a checkpoint that fails
    /// (a read-only or vanished file) is dropped, and the writers' backstop checkpoint still bounds the WAL.
    /// </summary>
    private sealed class WalCheckpointer
    {
        private long _pages;
        private int _running;

        public void Written(SqliteAggregateStore store, int pages)
        {
            if (Interlocked.Add(ref _pages, pages) >= BackgroundCheckpointPages && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Checkpointer.Run(s.Store), (Checkpointer: this, Store: store), preferLocal: false);
            }
        }

        private void Run(SqliteAggregateStore store)
        {
            do
            {
                // Pages written from here on count towards the next checkpoint: this one may not reach them.
                Interlocked.Exchange(ref _pages, 0);
                try
                {
                    using var connection = store.OpenConnection(store._checkpointConnectionString);
                    _ = raw.sqlite3_wal_checkpoint_v2(connection.Handle!, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
                }
#pragma warning disable CA1031 // An optimisation that failed: the writers' backstop checkpoint does the work instead.
                catch (Exception)
#pragma warning restore CA1031
                {
                }

                Volatile.Write(ref _running, 0);
            }
            while (Volatile.Read(ref _pages) >= BackgroundCheckpointPages && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
        }
    }
}
