using System.Collections.Generic;

namespace Itsm.Persistence.Sqlite;

/// <summary>
/// The schema of the SQLite store. A <see cref="SqliteAggregateStore"/> creates it, and brings an older
/// file up to date, on its first call, by running the missing migrations in order; each applied
/// migration is a row of the table <c>itsm_schema_migrations(version, name, applied_at)</c>.
/// </summary>
/// <remarks>
/// A host can read a file's schema version with
/// <c>SELECT max(version) FROM itsm_schema_migrations</c>; a file whose version is greater than
/// <see cref="LatestVersion"/> was written by a newer release, and this release refuses it with
/// <see cref="StoreUnavailableException"/> rather than risk misreading it.
/// </remarks>
public static class SqliteSchema
{
    /// <summary>The name of the table that lists the applied migrations.</summary>
    public const string MigrationsTable = "itsm_schema_migrations";

    /// <summary>The schema version this release creates and understands: the number of its migrations.</summary>
    public static int LatestVersion => Migrations.Count;

    /// <summary>The migrations, in order; migration <c>i</c> (0-based) brings the schema to version <c>i + 1</c>. Never edit a shipped one: append.</summary>
    internal static IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "records, audit log, idempotency keys", [
            """
            CREATE TABLE records (
                tenant           TEXT    NOT NULL COLLATE BINARY,
                record_type      TEXT    NOT NULL COLLATE BINARY,
                record_id        TEXT    NOT NULL COLLATE BINARY,
                version          INTEGER NOT NULL CHECK (version > 0),
                state            TEXT    NOT NULL,
                state_name       TEXT    NOT NULL COLLATE BINARY,
                is_open          INTEGER NOT NULL CHECK (is_open IN (0, 1)),
                service          TEXT        NULL COLLATE BINARY,
                assignment_group TEXT        NULL COLLATE BINARY,
                priority         INTEGER     NULL,
                opened_at        INTEGER NOT NULL,
                sla_due_at       INTEGER     NULL,
                PRIMARY KEY (tenant, record_type, record_id)
            )
            """,
            // Tenant first in every index. Each filter's index continues with the result order (opened_at,
            // record_type, record_id), so a filtered, limited query reads rows in order and never sorts.
            "CREATE INDEX ix_records_opened ON records (tenant, opened_at, record_type, record_id)",
            "CREATE INDEX ix_records_type ON records (tenant, record_type, opened_at, record_id)",
            "CREATE INDEX ix_records_state ON records (tenant, state_name, opened_at, record_type, record_id)",
            "CREATE INDEX ix_records_service ON records (tenant, service, opened_at, record_type, record_id) WHERE service IS NOT NULL",
            "CREATE INDEX ix_records_group ON records (tenant, assignment_group, opened_at, record_type, record_id) WHERE assignment_group IS NOT NULL",
            // The due list (open records with a running SLA clock), in result order, with the due instant.
            "CREATE INDEX ix_records_open_due ON records (tenant, opened_at, record_type, record_id, sla_due_at) WHERE is_open = 1 AND sla_due_at IS NOT NULL",
            // Records due before an instant (breach sweeps), open or not.
            "CREATE INDEX ix_records_due ON records (tenant, sla_due_at) WHERE sla_due_at IS NOT NULL",
            """
            CREATE TABLE audit (
                tenant      TEXT    NOT NULL COLLATE BINARY,
                record_type TEXT    NOT NULL COLLATE BINARY,
                record_id   TEXT    NOT NULL COLLATE BINARY,
                version     INTEGER NOT NULL CHECK (version > 0),
                at          INTEGER NOT NULL,
                actor_id    TEXT    NOT NULL,
                actor_roles TEXT    NOT NULL,
                command     TEXT    NOT NULL,
                from_state  TEXT    NOT NULL,
                to_state    TEXT    NOT NULL,
                data        TEXT    NOT NULL,
                PRIMARY KEY (tenant, record_type, record_id, version)
            )
            """,
            "CREATE INDEX ix_audit_at ON audit (tenant, at)",
            """
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; UPDATE of audit rows is not allowed');
            END
            """,
            """
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; DELETE of audit rows is not allowed');
            END
            """,
            """
            CREATE TABLE idempotency (
                tenant      TEXT    NOT NULL COLLATE BINARY,
                key         TEXT    NOT NULL COLLATE BINARY,
                fingerprint TEXT    NOT NULL,
                record_type TEXT    NOT NULL,
                record_id   TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                PRIMARY KEY (tenant, key)
            )
            """,
        ]),
        new Migration(2, "audit: refuse REPLACE and upsert", [
            // REPLACE (INSERT OR REPLACE, REPLACE INTO) deletes the row it collides with without firing
            // DELETE triggers (unless recursive_triggers is on), and an upsert can take the conflict path:
            // refusing any insert whose key exists, before conflict resolution runs, closes both.
            """
            CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
            WHEN EXISTS (SELECT 1 FROM audit WHERE tenant = NEW.tenant AND record_type = NEW.record_type AND record_id = NEW.record_id AND version = NEW.version)
            BEGIN
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; an audit row with this key exists, and REPLACE or an upsert of audit rows is not allowed');
            END
            """,
        ]),
        new Migration(3, "feed positions, consumer checkpoints, parked events, reservations", [
            // Nullable because SQLite adds a NOT NULL column only with a default, and a default position
            // would be a wrong one; the store writes a position with every row, and the backfill below
            // gives every existing row one.
            "ALTER TABLE audit ADD COLUMN position INTEGER NULL CHECK (position > 0)",
            // The backfill is the one UPDATE the audit log ever sees: lift the append-only trigger for it,
            // inside the migration's transaction, and put it back word for word.
            "DROP TRIGGER audit_no_update",
            // Existing rows get their tenant's positions in insertion (rowid) order: the audit table is
            // only ever appended to, so rowid order is commit order.
            """
            UPDATE audit SET position = numbered.position
            FROM (SELECT rowid AS row, row_number() OVER (PARTITION BY tenant ORDER BY rowid) AS position FROM audit) AS numbered
            WHERE audit.rowid = numbered.row
            """,
            """
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; UPDATE of audit rows is not allowed');
            END
            """,
            // Feed reads (tenant = ? AND position > ? ORDER BY position) and the next position (max) both
            // seek this index; unique, so two rows can never share a position even if a writer went wrong.
            "CREATE UNIQUE INDEX ix_audit_position ON audit (tenant, position)",
            """
            CREATE TABLE feed_checkpoints (
                tenant   TEXT    NOT NULL COLLATE BINARY,
                consumer TEXT    NOT NULL COLLATE BINARY,
                position INTEGER NOT NULL CHECK (position >= 0),
                PRIMARY KEY (tenant, consumer)
            )
            """,
            """
            CREATE TABLE feed_parked (
                tenant    TEXT    NOT NULL COLLATE BINARY,
                consumer  TEXT    NOT NULL COLLATE BINARY,
                position  INTEGER NOT NULL CHECK (position > 0),
                reason    TEXT    NOT NULL,
                parked_at INTEGER NOT NULL,
                attempts  INTEGER NOT NULL CHECK (attempts > 0),
                PRIMARY KEY (tenant, consumer, position)
            )
            """,
            // A record may hold one resource for several windows, so no key: rows are replaced as a
            // record's whole set.
            """
            CREATE TABLE reservations (
                tenant      TEXT    NOT NULL COLLATE BINARY,
                resource    TEXT    NOT NULL COLLATE BINARY,
                record_type TEXT    NOT NULL COLLATE BINARY,
                record_id   TEXT    NOT NULL COLLATE BINARY,
                starts_at   INTEGER NOT NULL,
                ends_at     INTEGER NOT NULL,
                CHECK (starts_at < ends_at)
            )
            """,
            // The overlap check: one resource's reservations starting before a window ends, covering the end too.
            "CREATE INDEX ix_reservations_resource ON reservations (tenant, resource, starts_at, ends_at)",
            // Replacing a record's set.
            "CREATE INDEX ix_reservations_record ON reservations (tenant, record_type, record_id)",
        ]),
        new Migration(4, "record numbers", [
            // Nullable for the same reason as the audit position: the backfill below gives every existing row
            // a number, and the store writes one with every new row.
            "ALTER TABLE records ADD COLUMN number INTEGER NULL CHECK (number > 0)",
            // Existing records are numbered per tenant and type in the order they were opened (the id breaks
            // ties), which is the order a desk would have numbered them.
            """
            UPDATE records SET number = numbered.number
            FROM (SELECT rowid AS row, row_number() OVER (PARTITION BY tenant, record_type ORDER BY opened_at, record_id) AS number FROM records) AS numbered
            WHERE records.rowid = numbered.row
            """,
            // Lookups by number, and the next number (max + 1, one seek at the end of the type's range);
            // unique, so two records can never share a number even if a writer went wrong.
            "CREATE UNIQUE INDEX ix_records_number ON records (tenant, record_type, number)",
        ]),
        new Migration(5, "audit: refuse REPLACE and upsert on the feed position and the rowid", [
            // audit_no_replace (migration 2) checks the primary key only, but the audit table has two more
            // unique keys: the feed position (tenant, position), unique since migration 3, and SQLite's rowid.
            // A REPLACE with a new primary key that collides on either deletes the old row without firing
            // DELETE triggers (unless recursive_triggers is on, a per-connection setting other tools need not
            // share). The trigger is replaced by one that refuses an insert colliding on any of the three keys,
            // before conflict resolution runs, so REPLACE, upserts (ON CONFLICT ... DO UPDATE / DO NOTHING) and
            // INSERT OR IGNORE are refused on every key. One trigger, its checks in order, so the message names
            // the primary key whenever that collides (SQLite does not promise an order between triggers). Dropped
            // and recreated inside the migration's transaction: no other connection sees the log unguarded.
            // A NULL position collides with nothing (the unique index allows many); a row inserted without an
            // explicit rowid gets a new one (NEW.rowid is -1 then, and no row has rowid -1 unless a tool
            // inserted one explicitly).
            "DROP TRIGGER audit_no_replace",
            """
            CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
            BEGIN
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; an audit row with this key exists, and REPLACE or an upsert of audit rows is not allowed')
                WHERE EXISTS (SELECT 1 FROM audit WHERE tenant = NEW.tenant AND record_type = NEW.record_type AND record_id = NEW.record_id AND version = NEW.version);
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; an audit row with this feed position exists, and REPLACE or an upsert of audit rows is not allowed')
                WHERE NEW.position IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE tenant = NEW.tenant AND position = NEW.position);
                SELECT RAISE(ABORT, 'itsm: the audit log is append-only; an audit row with this rowid exists, and REPLACE or an upsert of audit rows is not allowed')
                WHERE EXISTS (SELECT 1 FROM audit WHERE rowid = NEW.rowid);
            END
            """,
        ]),
    ];

    /// <summary>One migration: the version it brings the schema to, a name, and its statements.</summary>
    internal sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
}
