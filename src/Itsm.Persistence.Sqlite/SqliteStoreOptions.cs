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

        return errors;
    }
}
