using System;
using System.Globalization;
using System.IO;
using Itsm.Common;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// Creating and migrating the schema, and refusing a file the store cannot write.
public sealed partial class SqliteAggregateStore
{
    private void EnsureSchema()
    {
        ThrowIfDisposed();
        if (_schemaReady)
        {
            return;
        }

        lock (_schemaGate)
        {
            if (_schemaReady)
            {
                return;
            }

            // Opening the file may convert it to WAL, and migrating writes: refuse a read-only file first.
            EnsureWritable();
            using var connection = OpenConnection();
            var latest = SqliteSchema.LatestVersion;
            var version = ReadSchemaVersion(connection);
            if (version < latest)
            {
                // Several stores (or processes) may open a new file at once: take the write lock, then look
                // again, so exactly one of them migrates and the others find the work done.
                using var transaction = connection.BeginTransaction(deferred: false);
                version = ReadSchemaVersion(connection);
                if (version < latest)
                {
                    Execute(connection, "CREATE TABLE IF NOT EXISTS " + SqliteSchema.MigrationsTable + " (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
                    foreach (var migration in SqliteSchema.Migrations)
                    {
                        if (migration.Version <= version)
                        {
                            continue;
                        }

                        foreach (var statement in migration.Statements)
                        {
                            Execute(connection, statement);
                        }

                        using var applied = connection.CreateCommand();
                        applied.CommandText = "INSERT INTO " + SqliteSchema.MigrationsTable + " (version, name, applied_at) VALUES ($version, $name, CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 1000000)";
                        Add(applied, "$version", (long)migration.Version);
                        Add(applied, "$name", migration.Name);
                        applied.ExecuteNonQuery();
                    }

                    transaction.Commit();
                    version = latest;
                }
            }

            if (version > latest)
            {
                throw new StoreUnavailableException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The SQLite store '{Itsm.Text.QuotedText.Of(_path, PathQuoted)}' cannot be used: its schema is at version {version}, newer than version {latest} that this release of Itsm.Persistence.Sqlite understands. Upgrade the package; nothing was written."));
            }

            _schemaReady = true;
        }
    }

    private static long ReadSchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + SqliteSchema.MigrationsTable + "'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM " + SqliteSchema.MigrationsTable;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Refuses a file that cannot be written. SQLite reports SQLITE_READONLY when the operating system
    /// refuses, but a process running as root ignores permission bits, so the bits are checked here too.
    /// </summary>
    private void EnsureWritable()
    {
        bool readOnly;
        try
        {
            // One FileInfo: it reads the file's status once and answers all three questions from it (this runs
            // before every write, and separate File calls cost a system call each).
            var file = new FileInfo(_path);
            if (!file.Exists)
            {
                return;
            }

            readOnly = (file.Attributes & FileAttributes.ReadOnly) != 0;
            if (!readOnly && !OperatingSystem.IsWindows())
            {
                const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
                readOnly = (file.UnixFileMode & anyWrite) == 0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The SQLite store '{Itsm.Text.QuotedText.Of(_path, PathQuoted)}' cannot be used: its file cannot be inspected ({Itsm.Text.QuotedText.Message(e.Message)}). Nothing was written.", e);
        }

        if (readOnly)
        {
            throw new StoreUnavailableException($"The SQLite store '{Itsm.Text.QuotedText.Of(_path, PathQuoted)}' cannot be used: the file is read-only, and the store needs to write to it. Nothing was written.");
        }
    }
}
