using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

// The write path: one READ COMMITTED transaction per unit of work (how it travels: RoundTrips.cs), locks taken
// in one global order (records sorted, reservation locks sorted, the idempotency key, the tenant's feed head
// last), and what a refused unit reports.
public sealed partial class PostgreSqlAggregateStore
{
    private const string UniqueViolation = "23505";

    /// <summary>
    /// For the tests only: runs after the unit's feed positions are allocated (the feed head is locked) and
    /// before the commit, so a test can hold a transaction open at exactly that point, or fail it there.
    /// </summary>
    internal Func<CancellationToken, Task>? FeedAllocatedHook { get; set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of the write (the index's opened or due instant, an entry's time, a reservation's window) cannot be stored exactly.</exception>
    /// <exception cref="ArgumentException">A text of the write holds U+0000, which PostgreSQL text cannot store.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, a statement ran longer than the command timeout, or the schema is newer than this release.</exception>
    /// <remarks>
    /// A save that changes the record's due instant (<see cref="RecordIndex.SlaDueAt"/>) clears its SLA
    /// claim and its "handled" mark, so the new due instant can be claimed when it comes due.
    /// </remarks>
    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Save, StoreTelemetry.RecordTypeOf(write), (this, write, cancellationToken), static s => s.Item1.SaveCoreAsync(s.write, s.cancellationToken))
            : SaveCoreAsync(write, cancellationToken);

    private Task<SaveResult> SaveCoreAsync(AggregateWrite write, CancellationToken cancellationToken)
    {
        Guard.Against.Null(write);
        return CommitCoreAsync(new UnitOfWork([write]), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of a write (an index's opened or due instant, an entry's time, a reservation's window) cannot be stored exactly.</exception>
    /// <exception cref="ArgumentException">A text of a write holds U+0000, which PostgreSQL text cannot store.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, a statement ran longer than the command timeout, or the schema is newer than this release.</exception>
    /// <remarks>
    /// Commits of one tenant serialise on the tenant's feed head from their head statement to the end of the
    /// commit (that is what keeps the feed gapless and in commit order, see docs/postgresql-store.md);
    /// commits of different tenants do not wait for each other. A write that changes a record's due instant
    /// clears its SLA claim and its "handled" mark, as <see cref="SaveAsync"/> does.
    /// </remarks>
    public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Commit, null, (this, work, cancellationToken), static s => s.Item1.CommitCoreAsync(s.work, s.cancellationToken))
            : CommitCoreAsync(work, cancellationToken);

    private async Task<SaveResult> CommitCoreAsync(UnitOfWork work, CancellationToken cancellationToken)
    {
        Guard.Against.Null(work);
        var rows = new PreparedWrite[work.Writes.Count];
        for (var w = 0; w < rows.Length; w++)
        {
            rows[w] = PreparedWrite.Of(work.Writes[w]);
        }

        var unit = new PendingUnit(work, rows, PreparedReservations.Of(work));
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }

        return _maxGroupCommitUnits > 0
            ? await CommitInGroupAsync(unit, cancellationToken).ConfigureAwait(false)
            : await CommitAloneAsync(unit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The unit in a transaction of its own (the path without group commit, and a group of one).</summary>
    private async Task<SaveResult> CommitAloneAsync(PendingUnit unit, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await TryCommitAsync(connection, unit, cancellationToken).ConfigureAwait(false);
            if (outcome.Saved is { } saved)
            {
                return saved;
            }

            return outcome.Conflict is { } conflict
                ? throw conflict
                : await RefusedAsync(connection, unit.Work, outcome.Stale, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// What a refused (rolled back) unit reports, read after the rollback: a replay when a racing commit stored
    /// this very unit's key, an <see cref="IdempotencyConflictException"/> when it stored the key for another
    /// command, else the <see cref="ConcurrencyException"/> of the stale write.
    /// </summary>
    private async Task<SaveResult> RefusedAsync(NpgsqlConnection connection, UnitOfWork work, int? stale, CancellationToken cancellationToken)
    {
        if (work.Idempotency is { } key
            && await FindKeyAsync(connection, work.Tenant, key.Key, cancellationToken).ConfigureAwait(false) is { } first)
        {
            return string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal)
                ? new SaveResult(first.Version, Replayed: true)
                : throw new IdempotencyConflictException(work.Tenant, key.Key);
        }

        throw await StaleAsync(connection, work, stale, cancellationToken).ConfigureAwait(false);
    }

    private static SaveResult Committed(PendingUnit unit)
    {
        var result = new SaveResult(unit.Work.Writes[0].NewVersion, Replayed: false);
        return unit.Numbers is { } numbers ? result with { Numbers = numbers } : result;
    }

    /// <summary>
    /// Adds the statement that numbers the records the units create, when they create any: each (tenant, record
    /// type) counter moves by the type's count, in record type order, and stays row-locked until the commit; the
    /// new rows take the numbers below it in unit and write order. It runs after every unit's statements, just
    /// before the feed head, so every transaction takes these locks after its record locks and in one order.
    /// </summary>
    private void AddNumberStatement(NpgsqlBatch batch, TenantId tenant, IReadOnlyList<PendingUnit> units)
    {
        var types = new List<string>();
        var ids = new List<string>();
        var ranks = new List<long>();
        var unitIndexes = new List<int>();
        var writeIndexes = new List<int>();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var u = 0; u < units.Count; u++)
        {
            var writes = units[u].Work.Writes;
            for (var w = 0; w < writes.Count; w++)
            {
                if (writes[w].ExpectedVersion != 0)
                {
                    continue;
                }

                var rank = counts[writes[w].RecordType] = counts.GetValueOrDefault(writes[w].RecordType) + 1;
                types.Add(writes[w].RecordType);
                ids.Add(writes[w].RecordId);
                ranks.Add(rank);
                unitIndexes.Add(u);
                writeIndexes.Add(w);
            }
        }

        if (types.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand(
            "WITH wanted AS (SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::integer[], $6::integer[]) AS w(record_type, record_id, rank, unit_index, write_index)),"
            + " counts AS (SELECT record_type, max(rank) AS n FROM wanted GROUP BY record_type),"
            + " bumped AS (INSERT INTO " + _recordNumbers + " AS c (tenant, record_type, last) SELECT $1, record_type, n FROM counts ORDER BY record_type"
            + " ON CONFLICT (tenant, record_type) DO UPDATE SET last = c.last + EXCLUDED.last RETURNING c.record_type, c.last)"
            + " UPDATE " + _records + " r SET number = b.last - k.n + w.rank"
            + " FROM wanted w JOIN bumped b ON b.record_type = w.record_type JOIN counts k ON k.record_type = w.record_type"
            + " WHERE r.tenant = $1 AND r.record_type = w.record_type AND r.record_id = w.record_id"
            + " RETURNING w.unit_index AS number_unit, w.write_index, r.number");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(TextArray(types));
        command.Parameters.Add(TextArray(ids));
        command.Parameters.Add(BigintArray([.. ranks]));
        command.Parameters.Add(IntegerArray([.. unitIndexes]));
        command.Parameters.Add(IntegerArray([.. writeIndexes]));
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Adds a unit's first-round-trip statements to a batch: everything but the feed. The records are locked in
    /// (type, id) order, then the reservations' resources in key order, then the key row: every unit takes its
    /// locks in this one order. <paramref name="tag"/> marks the unit's reservation check rows in the results.
    /// </summary>
    private UnitStatements AddUnitStatements(NpgsqlBatch batch, PendingUnit unit, int tag)
    {
        var work = unit.Work;
        var tenant = work.Tenant;
        var first = batch.BatchCommands.Count;
        var order = Enumerable.Range(0, work.Writes.Count)
            .OrderBy(w => work.Writes[w].RecordType, StringComparer.Ordinal)
            .ThenBy(w => work.Writes[w].RecordId, StringComparer.Ordinal)
            .ToArray();
        foreach (var w in order)
        {
            batch.BatchCommands.Add(RecordStatement(work.Writes[w], unit.Rows[w]));
        }

        var held = unit.Held;
        if (held.Replaced.Count > 0)
        {
            foreach (var lockKey in held.LockKeys(_schema, tenant))
            {
                var take = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
                take.Parameters.Add(Bigint(lockKey));
                batch.BatchCommands.Add(take);
            }

            var release = new NpgsqlBatchCommand(
                "DELETE FROM " + _reservations + " WHERE tenant = $1 AND (record_type, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))");
            release.Parameters.Add(Text(tenant.Value));
            release.Parameters.Add(TextArray(held.Replaced.Select(w => w.RecordType)));
            release.Parameters.Add(TextArray(held.Replaced.Select(w => w.RecordId)));
            batch.BatchCommands.Add(release);
            if (held.Count > 0)
            {
                // A separate statement after the locks: under READ COMMITTED it reads a snapshot taken after every
                // holder of these resources that committed before us (and sees this transaction's own earlier units).
                var check = new NpgsqlBatchCommand(
                    "SELECT $7::integer AS unit, n.ord, r.record_type, r.record_id, r.starts_at, r.ends_at FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) WITH ORDINALITY AS n(record_type, record_id, resource, starts_at, ends_at, ord)"
                    + " JOIN " + _reservations + " r ON r.tenant = $1 AND r.resource = n.resource AND r.starts_at < n.ends_at AND n.starts_at < r.ends_at"
                    + " AND (r.record_type, r.record_id) <> (n.record_type, n.record_id)"
                    + " ORDER BY n.ord, r.starts_at, r.record_type, r.record_id LIMIT 1");
                held.AddColumns(check.Parameters, tenant);
                check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tag, NpgsqlDbType = NpgsqlDbType.Integer });
                batch.BatchCommands.Add(check);
                var insert = new NpgsqlBatchCommand(
                    "INSERT INTO " + _reservations + " (tenant, record_type, record_id, resource, starts_at, ends_at)"
                    + " SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])");
                held.AddColumns(insert.Parameters, tenant);
                batch.BatchCommands.Add(insert);
            }
        }

        if (work.Idempotency is { } newKey)
        {
            var head = work.Writes[0];
            var remember = new NpgsqlBatchCommand(
                "INSERT INTO " + _idempotency + " (tenant, key, fingerprint, record_type, record_id, version) VALUES ($1, $4, $5, $2, $3, $6)");
            AddKey(remember.Parameters, tenant, head.RecordType, head.RecordId);
            remember.Parameters.Add(Text(newKey.Key));
            remember.Parameters.Add(Text(newKey.Fingerprint));
            remember.Parameters.Add(Bigint(head.NewVersion));
            batch.BatchCommands.Add(remember);
        }

        return new UnitStatements(first, order, batch.BatchCommands.Count - first);
    }

    /// <summary>
    /// After a unit's statements ran without error: null when its reservations conflict with nothing, else the
    /// conflict (a stale version or a key already used fails its statement instead: see <see cref="StaleWrite"/>).
    /// </summary>
    private static Outcome? Judge(PendingUnit unit, ReservationRow? stored) =>
        unit.Held.FirstConflict(unit.Work, stored) is { } conflict ? new Outcome(null, conflict, null) : null;

    private NpgsqlBatchCommand RecordStatement(AggregateWrite write, PreparedWrite rows)
    {
        var record = new NpgsqlBatchCommand(write.ExpectedVersion == 0
            ? "INSERT INTO " + _records + " (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at)" // numbered in the last round trip
              + " VALUES ($1, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13)"
            : "WITH updated AS (UPDATE " + _records + " SET version = $4, state = $6, state_name = $7, is_open = $8, service = $9, assignment_group = $10, priority = $11, opened_at = $12, sla_due_at = $13,"
              + " claim_owner = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_owner END,"
              + " claim_token = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_token END,"
              + " claim_until = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_until END,"
              + " handled_due_at = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN handled_due_at END"
              + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND version = $5 RETURNING 1)"
              // A stale version fails the statement (division by zero, 22012), so the server skips the rest of the
              // batch, the feed head and the COMMIT included: see StaleWrite.
              + " SELECT 1 / count(*) AS stale_version_guard FROM updated");
        AddKey(record.Parameters, write.Tenant, write.RecordType, write.RecordId);
        record.Parameters.Add(Bigint(write.NewVersion));
        record.Parameters.Add(Bigint(write.ExpectedVersion));
        record.Parameters.Add(Text(write.State));
        record.Parameters.Add(Text(write.Index.State));
        record.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = write.Index.IsOpen, NpgsqlDbType = NpgsqlDbType.Boolean });
        record.Parameters.Add(Text(write.Index.Service));
        record.Parameters.Add(Text(write.Index.AssignmentGroup));
        record.Parameters.Add(write.Index.Priority is { } priority
            ? new NpgsqlParameter<int> { TypedValue = priority, NpgsqlDbType = NpgsqlDbType.Integer }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        record.Parameters.Add(Bigint(rows.OpenedAt));
        record.Parameters.Add(Bigint(rows.SlaDueAt));
        // The insert leaves $5 (the expected version) unused: every parameter is sent with its type, so PostgreSQL accepts that.
        return record;
    }

    /// <summary>
    /// The statement that moves the tenant's feed head by the units' entry count (the head stays row-locked until
    /// the commit) and inserts their audit rows at the positions below it, in unit, write and entry order.
    /// </summary>
    private NpgsqlBatchCommand AppendStatement(TenantId tenant, IReadOnlyList<PendingUnit> units)
    {
        var count = 0;
        foreach (var unit in units)
        {
            foreach (var write in unit.Work.Writes)
            {
                count += write.AuditEntries.Count;
            }
        }

        var types = new string[count];
        var ids = new string[count];
        var versions = new long[count];
        var at = new long[count];
        var actors = new string[count];
        var roles = new string[count];
        var commands = new string[count];
        var from = new string[count];
        var to = new string[count];
        var data = new string[count];
        var n = 0;
        foreach (var unit in units)
        {
            for (var w = 0; w < unit.Work.Writes.Count; w++)
            {
                var write = unit.Work.Writes[w];
                var rows = unit.Rows[w];
                for (var i = 0; i < write.AuditEntries.Count; i++, n++)
                {
                    var entry = write.AuditEntries[i];
                    types[n] = write.RecordType;
                    ids[n] = write.RecordId;
                    versions[n] = write.ExpectedVersion + i + 1; // the store numbers the entries
                    at[n] = rows.At[i];
                    actors[n] = entry.Actor.Id;
                    roles[n] = rows.Roles[i];
                    commands[n] = entry.Command;
                    from[n] = entry.FromState;
                    to[n] = entry.ToState;
                    data[n] = rows.Data[i];
                }
            }
        }

        var command = new NpgsqlBatchCommand(
            "WITH head AS (INSERT INTO " + _feedHeads + " AS h (tenant, position) VALUES ($1, $2)"
            + " ON CONFLICT (tenant) DO UPDATE SET position = h.position + EXCLUDED.position RETURNING h.position)"
            + " INSERT INTO " + _audit + " (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)"
            + " SELECT $1, e.record_type, e.record_id, e.version, e.at, e.actor_id, e.actor_roles, e.command, e.from_state, e.to_state, e.data, head.position - $2 + e.ord"
            + " FROM head, unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])"
            + " WITH ORDINALITY AS e(record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, ord)");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Bigint(count));
        command.Parameters.Add(TextArray(types));
        command.Parameters.Add(TextArray(ids));
        command.Parameters.Add(BigintArray(versions));
        command.Parameters.Add(BigintArray(at));
        command.Parameters.Add(TextArray(actors));
        command.Parameters.Add(TextArray(roles));
        command.Parameters.Add(TextArray(commands));
        command.Parameters.Add(TextArray(from));
        command.Parameters.Add(TextArray(to));
        command.Parameters.Add(TextArray(data));
        return command;
    }

    /// <summary>The exception for a refused unit that is no replay: the stale write (known, or the first whose stored version differs), else the first.</summary>
    private async Task<ConcurrencyException> StaleAsync(NpgsqlConnection connection, UnitOfWork work, int? known, CancellationToken cancellationToken)
    {
        var candidates = known is { } k ? [k] : Enumerable.Range(0, work.Writes.Count);
        foreach (var w in candidates)
        {
            var write = work.Writes[w];
            var actual = await ReadVersionAsync(connection, write.Tenant, write.RecordType, write.RecordId, cancellationToken).ConfigureAwait(false);
            if (actual != write.ExpectedVersion || known is not null)
            {
                return new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
            }
        }

        // Every version matches: a key refused the unit (audit rows already numbered so); name the first write.
        var head = work.Writes[0];
        return new ConcurrencyException(head.Tenant, head.RecordType, head.RecordId, head.ExpectedVersion, head.ExpectedVersion);
    }

    private async Task<long> ReadVersionAsync(NpgsqlConnection connection, TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3", connection);
        AddKey(command.Parameters, tenant, recordType, recordId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
    }

    private static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new NpgsqlParameter<string[]> { TypedValue = values as string[] ?? values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter IntegerArray(int[] values) =>
        new NpgsqlParameter<int[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer };

    private static NpgsqlParameter BigintArray(long[] values) =>
        new NpgsqlParameter<long[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    /// <summary>What one attempt came to: saved, a reservation conflict, or refused (with the stale write's index when known).</summary>
    private sealed record Outcome(SaveResult? Saved, ReservationConflictException? Conflict, int? Stale);

    /// <summary>Where a unit's statements sit in a batch: the first, the record statements' write indexes in batch order, and how many.</summary>
    private readonly record struct UnitStatements(int First, int[] Order, int Count);

    /// <summary>A stored reservation that overlaps one of a unit's (its 0-based row among the unit's reservations).</summary>
    private readonly record struct ReservationRow(int Row, string Type, string Id, long Start, long End);
}
