using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NodaTime;

namespace Itsm.Persistence.Sqlite;

/// <summary>The settings of a <see cref="SqliteAggregateStore"/>.</summary>
/// <remarks>
/// The properties are settable so that the options pattern (<c>IOptions&lt;T&gt;</c>, configuration
/// binding) can fill them; the store copies them when it is created, so changing an options object
/// afterwards does not change a store. <see cref="Validate"/> lists every problem at once; the store's
/// constructor calls it and refuses invalid options.
/// </remarks>
public sealed record SqliteStoreOptions
{
    /// <summary>The longest busy timeout accepted: SQLite keeps it as a 32-bit count of milliseconds.</summary>
    public static readonly Duration MaxBusyTimeout = Duration.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// The database file (required). A relative path is resolved against the current directory when
    /// the store is created. The file is created on first use if it does not exist; its directory must exist.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>How hard commits are synced to disk; <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long an operation waits for another connection (of this or another process) to release the
    /// database before it fails with <see cref="StoreUnavailableException"/>; 30 seconds by default.
    /// Must be positive and at most <see cref="MaxBusyTimeout"/>.
    /// </summary>
    public Duration BusyTimeout { get; set; } = Duration.FromSeconds(30);

    /// <summary>
    /// Whether saves and units of work that wait for this process's write gate commit together, in one
    /// transaction with one sync to disk (group commit); <see langword="true"/> by default.
    /// </summary>
    /// <remarks>
    /// <para>With group commit on, a save that finds no other write in progress commits at once, alone, as
    /// without it: a lone writer waits for nobody. Saves that arrive while a commit is in progress queue;
    /// when it ends, the first of them commits the queue (up to 64
    /// saves) in one transaction. Each save keeps its own checks (expected version, idempotency key,
    /// reservations), its own feed positions, its own result and its own error: one that is refused is rolled
    /// back to its savepoint and fails alone. A save's task completes only after the transaction holding it
    /// is committed, and if that commit fails, every save of the batch fails with it: nothing is acknowledged
    /// that is not durable. With <c>synchronous = FULL</c> this turns one sync per save into one per batch.</para>
    /// <para>Turn it off to have every save commit in its own transaction under the write gate, one after
    /// another (the behaviour before group commit); docs/sqlite-store.md compares the two.</para>
    /// </remarks>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// Whether the write-ahead log is copied into the database file (checkpointed) on a background thread
    /// instead of by the writer whose commit filled it; <see langword="true"/> by default.
    /// </summary>
    /// <remarks>
    /// <para>SQLite appends every commit to the <c>-wal</c> file and, by default, has the committing writer copy
    /// the log into the database file once it holds 1,000 pages (<c>wal_autocheckpoint</c>): that commit, and
    /// every save queued behind it, waits for the copy and its sync to disk. With background checkpoints on,
    /// the store counts the pages its commits write and, past 1,000, runs SQLite's PASSIVE checkpoint on a
    /// thread-pool thread with its own connection, one at a time per file: it takes no write lock, so writers
    /// go on committing, and readers are never blocked. The writers' own automatic checkpoint stays as a
    /// backstop at 10,000 pages (about 40 MB), in case the background one falls behind or fails.</para>
    /// <para>Durability is the same either way: a commit is durable once its log frames are synced
    /// (<see cref="Synchronous"/>); a checkpoint only moves committed pages, and SQLite recovers from a crash
    /// in the middle of one. Turn it off to checkpoint exactly as SQLite does by default, for example when
    /// the host runs its own checkpoints. Measured in benchmarks/README.md.</para>
    /// </remarks>
    public bool BackgroundCheckpoints { get; set; } = true;

    /// <summary>The largest <see cref="PageCacheKibibytes"/> accepted: 16 GiB.</summary>
    public const int MaxPageCacheKibibytes = 16 * 1024 * 1024;

    /// <summary>
    /// The most memory, in KiB, each of the store's connections may use to cache database pages (SQLite's
    /// <c>cache_size</c>); 16,384 (16 MiB) by default, from 64 to <see cref="MaxPageCacheKibibytes"/>.
    /// </summary>
    /// <remarks>
    /// <para>SQLite's own default is 2 MiB. A write transaction keeps every page it changes in this cache until it
    /// commits, and inserts into the audit log's and the records' indexes change pages all over them: a large
    /// unit of work (a history import's batch of 1,000 tickets) that outgrows the cache spills pages to the
    /// write-ahead log mid-transaction and reads others back from the file. The cache is allocated as pages are
    /// read, not up front, and is per connection: the pool keeps one connection per concurrent call, so a host
    /// with many concurrent readers of a large file may want a smaller value.</para>
    /// </remarks>
    public int PageCacheKibibytes { get; set; } = 16 * 1024;

    /// <summary>Checks the options.</summary>
    /// <returns>Every problem found, each as a sentence naming the property; empty when the options are valid.</returns>
    /// <remarks>Besides the values themselves, this checks that <see cref="Path"/> does not name an existing directory.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add("Path is empty: set it to the database file, for example \"itsm.db\".");
        }
        else if (Path.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add("Path contains a null character.");
        }
        else if (string.Equals(Path.Trim(), ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Path ':memory:' names an in-memory database, which does not outlive a connection: give a file, or use InMemoryAggregateStore.");
        }
        else if (Directory.Exists(Path))
        {
            errors.Add($"Path '{Itsm.Text.QuotedText.Of(Path, 256)}' is a directory: it must name the database file.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Synchronous is {(int)Synchronous}, which is not a SqliteSynchronous value (Full or Normal)."));
        }

        if (BusyTimeout <= Duration.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"BusyTimeout is {BusyTimeout.TotalMilliseconds} ms: it must be positive."));
        }
        else if (BusyTimeout > MaxBusyTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"BusyTimeout is {BusyTimeout.TotalMilliseconds} ms: it must be at most {int.MaxValue} ms (about 24.8 days)."));
        }

        if (PageCacheKibibytes is < 64 or > MaxPageCacheKibibytes)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"PageCacheKibibytes is {PageCacheKibibytes}: it must be from 64 to {MaxPageCacheKibibytes} (16 GiB)."));
        }

        return errors;
    }
}
