using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Ardalis.GuardClauses;

namespace Itsm.Persistence.PostgreSql;

/// <summary>
/// The schema of the PostgreSQL store: its tables live in one PostgreSQL schema (<c>itsm</c> by default,
/// <see cref="PostgreSqlStoreOptions.Schema"/>), brought up to date by numbered migrations that are
/// recorded in the table <c>itsm_schema_migrations(version, name, applied_at)</c> of that schema.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="PostgreSqlAggregateStore"/> migrates on its first call: in one transaction it takes the
/// transaction-scoped advisory lock <see cref="AdvisoryLockKey"/> of the schema
/// (<c>pg_advisory_xact_lock</c>), creates the schema and the migrations table if missing, and runs each
/// migration not yet recorded, in order. Instances that start at the same time queue on the lock, and
/// all but the first find the work done. <see cref="Script"/> is exactly that transaction as SQL text,
/// for hosts whose application role may not create tables: run it with <c>psql</c> as the schema's
/// owner, before or while the application starts; running it again changes nothing.
/// </para>
/// <para>
/// A schema whose version is greater than <see cref="LatestVersion"/> was written by a newer release:
/// the store refuses it with <see cref="StoreUnavailableException"/>, and the script raises an error,
/// rather than risk misreading it. Shipped migrations are never edited; a change is a new migration.
/// </para>
/// </remarks>
public static class PostgreSqlSchema
{
    /// <summary>The schema the store uses unless <see cref="PostgreSqlStoreOptions.Schema"/> says otherwise.</summary>
    public const string DefaultSchema = "itsm";

    /// <summary>The name of the table (in the store's schema) that lists the applied migrations.</summary>
    public const string MigrationsTable = "itsm_schema_migrations";

    /// <summary>The schema version this release creates and understands: the number of its migrations.</summary>
    public static int LatestVersion => Migrations.Count;

    /// <summary>
    /// The migrations, in order; migration <c>i</c> (0-based) brings the schema to version <c>i + 1</c>.
    /// <c>{s}</c> stands for the quoted schema name. Never edit a shipped one: append.
    /// </summary>
    internal static IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "records, audit log, idempotency keys", [
            """
            CREATE TABLE {s}.records (
                tenant           text    COLLATE "C" NOT NULL,
                record_type      text    COLLATE "C" NOT NULL,
                record_id        text    COLLATE "C" NOT NULL,
                version          bigint  NOT NULL CHECK (version > 0),
                state            text    NOT NULL,
                state_name       text    COLLATE "C" NOT NULL,
                is_open          boolean NOT NULL,
                service          text    COLLATE "C" NULL,
                assignment_group text    COLLATE "C" NULL,
                priority         integer NULL,
                opened_at        bigint  NOT NULL,
                sla_due_at       bigint  NULL,
                PRIMARY KEY (tenant, record_type, record_id)
            )
            """,
            // Tenant first in every index; each filter's index continues with the result order.
            "CREATE INDEX ix_records_opened ON {s}.records (tenant, opened_at, record_type, record_id)",
            "CREATE INDEX ix_records_type ON {s}.records (tenant, record_type, opened_at, record_id)",
            "CREATE INDEX ix_records_state ON {s}.records (tenant, state_name, opened_at, record_type, record_id)",
            "CREATE INDEX ix_records_service ON {s}.records (tenant, service, opened_at, record_type, record_id) WHERE service IS NOT NULL",
            "CREATE INDEX ix_records_group ON {s}.records (tenant, assignment_group, opened_at, record_type, record_id) WHERE assignment_group IS NOT NULL",
            "CREATE INDEX ix_records_open_due ON {s}.records (tenant, opened_at, record_type, record_id, sla_due_at) WHERE is_open AND sla_due_at IS NOT NULL",
            "CREATE INDEX ix_records_due ON {s}.records (tenant, sla_due_at) WHERE sla_due_at IS NOT NULL",
            """
            CREATE TABLE {s}.audit (
                tenant      text   COLLATE "C" NOT NULL,
                record_type text   COLLATE "C" NOT NULL,
                record_id   text   COLLATE "C" NOT NULL,
                version     bigint NOT NULL CHECK (version > 0),
                at          bigint NOT NULL,
                actor_id    text   NOT NULL,
                actor_roles text   NOT NULL,
                command     text   NOT NULL,
                from_state  text   NOT NULL,
                to_state    text   NOT NULL,
                data        text   NOT NULL,
                PRIMARY KEY (tenant, record_type, record_id, version)
            )
            """,
            "CREATE INDEX ix_audit_at ON {s}.audit (tenant, at)",
            """
            CREATE FUNCTION {s}.itsm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                RAISE EXCEPTION 'itsm: the audit log is append-only; % of audit rows is not allowed', TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $fn$
            """,
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON {s}.audit FOR EACH ROW EXECUTE FUNCTION {s}.itsm_audit_append_only()",
            "CREATE TRIGGER audit_no_delete BEFORE DELETE ON {s}.audit FOR EACH ROW EXECUTE FUNCTION {s}.itsm_audit_append_only()",
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {s}.audit FOR EACH STATEMENT EXECUTE FUNCTION {s}.itsm_audit_append_only()",
            """
            CREATE TABLE {s}.idempotency (
                tenant      text   COLLATE "C" NOT NULL,
                key         text   COLLATE "C" NOT NULL,
                fingerprint text   NOT NULL,
                record_type text   NOT NULL,
                record_id   text   NOT NULL,
                version     bigint NOT NULL,
                PRIMARY KEY (tenant, key)
            )
            """,
        ]),
        new Migration(2, "SLA due claims", [
            // The claim of the record's current due instant (owner, token, lease end), and the due instant
            // already handled. A save that changes sla_due_at clears all four (PostgreSqlAggregateStore.SaveAsync).
            """
            ALTER TABLE {s}.records
                ADD COLUMN claim_owner    text   NULL,
                ADD COLUMN claim_token    uuid   NULL,
                ADD COLUMN claim_until    bigint NULL,
                ADD COLUMN handled_due_at bigint NULL
            """,
            "CREATE INDEX ix_records_claimable ON {s}.records (tenant, sla_due_at, record_type, record_id) WHERE sla_due_at IS NOT NULL AND handled_due_at IS DISTINCT FROM sla_due_at",
        ]),
        new Migration(3, "event feed, checkpoints, parked events, reservations", [
            // Each tenant's feed head: the last position handed out. Every writing transaction moves it as its
            // last statement and keeps it row-locked until it commits (see docs/postgresql-store.md).
            """
            CREATE TABLE {s}.feed_heads (
                tenant   text   COLLATE "C" NOT NULL PRIMARY KEY,
                position bigint NOT NULL CHECK (position >= 0)
            )
            """,
            "ALTER TABLE {s}.audit ADD COLUMN position bigint NULL",
            // Rows written before the feed existed get positions 1..n per tenant, in a stable order that keeps each
            // record's versions in order: by the latest instant of the record up to that version, then record
            // type, id and version (for entries whose instants never went backwards, that is simply their time).
            // The append-only triggers are suspended for this one update, inside the migration's transaction.
            "ALTER TABLE {s}.audit DISABLE TRIGGER audit_no_update",
            """
            UPDATE {s}.audit a SET position = o.position
            FROM (
                SELECT tenant, record_type, record_id, version,
                       row_number() OVER (PARTITION BY tenant ORDER BY reached, record_type, record_id, version) AS position
                FROM (
                    SELECT tenant, record_type, record_id, version,
                           max(at) OVER (PARTITION BY tenant, record_type, record_id ORDER BY version) AS reached
                    FROM {s}.audit
                ) r
            ) o
            WHERE a.tenant = o.tenant AND a.record_type = o.record_type AND a.record_id = o.record_id AND a.version = o.version
            """,
            "ALTER TABLE {s}.audit ENABLE TRIGGER audit_no_update",
            "ALTER TABLE {s}.audit ALTER COLUMN position SET NOT NULL",
            "ALTER TABLE {s}.audit ADD CONSTRAINT audit_position_positive CHECK (position > 0)",
            // The feed's read path, and a backstop: no position is ever handed out twice.
            "CREATE UNIQUE INDEX ux_audit_position ON {s}.audit (tenant, position)",
            "INSERT INTO {s}.feed_heads (tenant, position) SELECT tenant, max(position) FROM {s}.audit GROUP BY tenant",
            """
            CREATE TABLE {s}.feed_checkpoints (
                tenant   text   COLLATE "C" NOT NULL,
                consumer text   COLLATE "C" NOT NULL,
                position bigint NOT NULL CHECK (position >= 0),
                PRIMARY KEY (tenant, consumer)
            )
            """,
            """
            CREATE TABLE {s}.feed_parked (
                tenant    text    COLLATE "C" NOT NULL,
                consumer  text    COLLATE "C" NOT NULL,
                position  bigint  NOT NULL CHECK (position > 0),
                reason    text    NOT NULL,
                parked_at bigint  NOT NULL,
                attempts  integer NOT NULL CHECK (attempts > 0),
                PRIMARY KEY (tenant, consumer, position)
            )
            """,
            // A record's reservations: replaced whole by a save that carries a set, checked for overlaps under
            // the resource's advisory lock in the same transaction.
            """
            CREATE TABLE {s}.reservations (
                tenant      text   COLLATE "C" NOT NULL,
                record_type text   COLLATE "C" NOT NULL,
                record_id   text   COLLATE "C" NOT NULL,
                resource    text   COLLATE "C" NOT NULL,
                starts_at   bigint NOT NULL,
                ends_at     bigint NOT NULL,
                CHECK (ends_at > starts_at)
            )
            """,
            "CREATE INDEX ix_reservations_resource ON {s}.reservations (tenant, resource, starts_at)",
            "CREATE INDEX ix_reservations_record ON {s}.reservations (tenant, record_type, record_id)",
        ]),
        new Migration(4, "record numbers", [
            // Each tenant's and record type's last number handed out. A writing transaction that creates records
            // moves it just before the feed head, and keeps it row-locked until it commits: concurrent creates of
            // one tenant and type take numbers one after the other, and a rollback gives its numbers back.
            """
            CREATE TABLE {s}.record_numbers (
                tenant      text   COLLATE "C" NOT NULL,
                record_type text   COLLATE "C" NOT NULL,
                last        bigint NOT NULL CHECK (last > 0),
                PRIMARY KEY (tenant, record_type)
            )
            """,
            // Nullable: a new record is inserted first and numbered by the last round trip of its transaction,
            // so no other transaction ever sees it without its number.
            "ALTER TABLE {s}.records ADD COLUMN number bigint NULL CHECK (number > 0)",
            // Existing records are numbered per tenant and type in the order they were opened (the id breaks ties).
            """
            UPDATE {s}.records r SET number = o.number
            FROM (
                SELECT tenant, record_type, record_id,
                       row_number() OVER (PARTITION BY tenant, record_type ORDER BY opened_at, record_id) AS number
                FROM {s}.records
            ) o
            WHERE r.tenant = o.tenant AND r.record_type = o.record_type AND r.record_id = o.record_id
            """,
            // Lookups by number, and a backstop: no number is ever handed out twice.
            "CREATE UNIQUE INDEX ux_records_number ON {s}.records (tenant, record_type, number)",
            "INSERT INTO {s}.record_numbers (tenant, record_type, last) SELECT tenant, record_type, max(number) FROM {s}.records GROUP BY tenant, record_type",
        ]),
    ];

    /// <summary>
    /// The SQL that creates the store's schema, or brings it up to <see cref="LatestVersion"/>: one
    /// transaction, safe to run more than once and while stores start (it takes the same advisory lock).
    /// </summary>
    /// <param name="schema">The PostgreSQL schema to create the tables in: a lower-case identifier (letters, digits, underscores, at most 63 characters, not starting with a digit).</param>
    /// <returns>The script, for <c>psql -v ON_ERROR_STOP=1 -f</c> or any client that runs several statements.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not such an identifier.</exception>
    /// <remarks>
    /// The role that runs it owns the tables; the role the store connects as then needs <c>USAGE</c> on
    /// the schema, <c>SELECT, INSERT, UPDATE</c> on <c>records</c>, <c>idempotency</c>, <c>feed_heads</c> and <c>record_numbers</c>,
    /// <c>SELECT, INSERT, UPDATE, DELETE</c> on <c>feed_checkpoints</c>, <c>feed_parked</c> and
    /// <c>reservations</c>, and <c>SELECT, INSERT</c> on <c>audit</c> and <c>itsm_schema_migrations</c>.
    /// </remarks>
    public static string Script(string schema = DefaultSchema)
    {
        if (!PostgreSqlStoreOptions.IsValidSchemaName(schema))
        {
            throw new ArgumentException($"'{Itsm.Text.QuotedText.Of(schema)}' is not a valid schema name: use lower-case letters, digits and underscores, at most 63 characters, not starting with a digit.", nameof(schema));
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"-- Itsm.Persistence.PostgreSql: schema \"{schema}\" at version {LatestVersion}. Safe to run again.\nBEGIN;\n{MigrationSql(schema)}COMMIT;\n");
    }

    /// <summary>The key of the transaction-scoped advisory lock that serialises the migrations of one schema (per database).</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>A 64-bit FNV-1a hash of <c>"Itsm.Persistence.PostgreSql:"</c> and the schema name.</returns>
    public static long AdvisoryLockKey(string schema)
    {
        Guard.Against.Null(schema);
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("Itsm.Persistence.PostgreSql:" + schema))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    /// <summary>The body of the migration transaction (no BEGIN/COMMIT): what the store runs, and what <see cref="Script"/> wraps.</summary>
    internal static string MigrationSql(string schema)
    {
        var s = Quote(schema);
        var latest = LatestVersion;
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey(schema)});\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE SCHEMA IF NOT EXISTS {s};\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE IF NOT EXISTS {s}.{MigrationsTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL);\n");
        sql.Append(CultureInfo.InvariantCulture, $"""
            DO $itsm$
            DECLARE found integer;
            BEGIN
                SELECT coalesce(max(version), 0) INTO found FROM {s}.{MigrationsTable};
                IF found > {latest} THEN
                    RAISE EXCEPTION 'itsm: schema {schema.Replace("'", "''", StringComparison.Ordinal)} is at version %, newer than version {latest} that this release of Itsm.Persistence.PostgreSql understands', found
                        USING ERRCODE = 'feature_not_supported';
                END IF;
            END
            $itsm$;

            """);
        foreach (var migration in Migrations)
        {
            sql.Append(CultureInfo.InvariantCulture, $"-- migration {migration.Version}: {migration.Name}\n");
            sql.Append("DO $itsm$\nBEGIN\n");
            sql.Append(CultureInfo.InvariantCulture, $"IF NOT EXISTS (SELECT 1 FROM {s}.{MigrationsTable} WHERE version = {migration.Version}) THEN\n");
            foreach (var statement in migration.Statements)
            {
                sql.Append(statement.Replace("{s}", s, StringComparison.Ordinal)).Append(";\n");
            }

            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {s}.{MigrationsTable} (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name.Replace("'", "''", StringComparison.Ordinal)}', (extract(epoch FROM clock_timestamp()) * 1000000)::bigint * 1000);\n");
            sql.Append("END IF;\nEND\n$itsm$;\n");
        }

        return sql.ToString();
    }

    /// <summary>The schema name as a quoted identifier (the name is validated, so it holds no quote).</summary>
    internal static string Quote(string schema) => "\"" + schema + "\"";

    /// <summary>One migration: the version it brings the schema to, a name, and its statements.</summary>
    internal sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
}
