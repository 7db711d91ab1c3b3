using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Itsm.Persistence.Sqlite;

// The append-only guards (audit_no_update, audit_no_delete, audit_no_replace) stop other connections (tools, a
// host's own SQL) from rewriting the audit log. The store's batch insert of new records (NewRecordInserter) is a
// plain INSERT, with no conflict clause, that the guards never refuse: the unique keys check a collision
// themselves (a constraint error instead of the trigger's, mapped to the same ConcurrencyException). Yet a
// BEFORE INSERT trigger costs every audit row three key lookups and a statement journal (SQLite keeps one for any
// statement with a trigger): measured in benchmarks/README.md, "History import". So that insert runs with
// triggers off on its own native connection (a per-connection setting, sqlite3_db_config), and on again before
// the connection goes back to the pool; and only while the file's triggers are the guards alone, so that a host's
// own trigger (say, one mirroring audit rows elsewhere) still fires for every row.
public sealed partial class SqliteAggregateStore
{
    /// <summary>Whether the file has a trigger other than the store's guards.</summary>
    internal const string OtherTriggersSql =
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name NOT IN ('audit_no_update', 'audit_no_delete', 'audit_no_replace'))";

    /// <summary>
    /// Turns triggers off on <paramref name="connection"/> when the guards are the file's only triggers; returns
    /// whether it did, so the caller turns them on again (<see cref="SetTriggers"/>) before the connection is closed.
    /// </summary>
    /// <remarks>SQLite re-prepares the connection's statements after the change: prepare after this call.</remarks>
    private static bool TriggersOffIfOnlyGuards(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = OtherTriggersSql;
            if ((long)command.ExecuteScalar()! != 0)
            {
                return false;
            }
        }

        SetTriggers(connection.Handle!, enabled: false);
        return true;
    }

    /// <summary>Whether triggers are on for <paramref name="connection"/> (tests check that a connection goes back to the pool with them on).</summary>
    internal static bool TriggersEnabled(SqliteConnection connection)
    {
        ThrowIfFailed(connection.Handle!, raw.sqlite3_db_config(connection.Handle!, raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, out var enabled));
        return enabled != 0;
    }

    /// <summary>Whether triggers are on for the store's kept write connection (tests check that a unit leaves them on); false if it has none.</summary>
    internal bool WriteConnectionTriggersEnabled()
    {
        lock (_writeGate)
        {
            return _writeSession is { } session && TriggersEnabled(session.Connection);
        }
    }

    /// <summary>Turns triggers on or off on a native connection, and checks that SQLite did.</summary>
    private static void SetTriggers(sqlite3 db, bool enabled)
    {
        ThrowIfFailed(db, raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, out var now));
        if ((now != 0) != enabled)
        {
            throw new SqliteException($"SQLite left triggers {(now != 0 ? "on" : "off")} on a connection the store set them {(enabled ? "on" : "off")} on.", raw.SQLITE_ERROR);
        }
    }

    /// <summary>Throws SQLite's error for a result code other than SQLITE_OK from a call on <paramref name="db"/>.</summary>
    private static void ThrowIfFailed(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
