using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Npgsql;
using NpgsqlTypes;

namespace Itsm.Persistence.PostgreSql;

// The common group commit, one statement for any number of units: units that each update one existing record
// (no create, no idempotency key, no reservations; an engine command on a ticket is one). The statement updates
// every unit's record WHERE version = expected, and moves the feed head and appends the audit rows of exactly
// the units whose update found its version, so a stale unit writes nothing and fails none of its neighbours
// without a savepoint: a group costs BEGIN, this statement and COMMIT instead of a savepoint, an update and a
// guard per unit, and the client builds a few arrays instead of a statement with 13 parameters per unit (a
// lone unit keeps its scalar statements: its arrays would allocate more than they save, RoundTrips.cs).
public sealed partial class PostgreSqlAggregateStore
{
    private const string UpdatedUnit = "updated_unit";

    /// <summary>
    /// Whether the units can commit through <see cref="UpdateGroupStatement"/>: each updates exactly one existing
    /// record (so a unit is written whole or not at all by one row), carries no idempotency key and no
    /// reservations, and no two write the same record (one UPDATE changes a row once).
    /// </summary>
    private static bool UpdatesOnly(IReadOnlyList<PendingUnit> units)
    {
        HashSet<(string, string)>? seen = units.Count > 1 ? new() : null;
        foreach (var unit in units)
        {
            var work = unit.Work;
            if (work.Writes.Count != 1 || work.Idempotency is not null || unit.Held.Replaced.Count > 0)
            {
                return false;
            }

            var write = work.Writes[0];
            if (write.ExpectedVersion == 0 || (seen is not null && !seen.Add((write.RecordType, write.RecordId))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The group's commit in one round trip (BEGIN, the statement, COMMIT), when <see cref="UpdatesOnly"/> holds.
    /// The units whose version matched are committed; the others are refused with the version stored after the
    /// commit, as alone. A failure the statement cannot pin on one unit (audit rows already numbered so) sends
    /// every unit alone; any other failure fails every unit, nothing written.
    /// </summary>
    private async Task CommitUpdatesTogetherAsync(List<PendingUnit> group)
    {
        var none = CancellationToken.None; // the group is shared; the command timeout bounds the statement
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(none).ConfigureAwait(false);
            bool[]? updated;
            try
            {
                updated = await RunUpdatesAsync(connection, group, none).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await RollbackQuietlyAsync(connection).ConfigureAwait(false);
                throw;
            }

            if (updated is null)
            {
                foreach (var unit in group)
                {
                    await CompleteAloneAsync(unit).ConfigureAwait(false);
                }

                return;
            }

            for (var u = 0; u < group.Count; u++)
            {
                if (updated[u])
                {
                    group[u].Complete(Committed(group[u]));
                }
            }

            for (var u = 0; u < group.Count; u++)
            {
                if (updated[u])
                {
                    continue;
                }

                try
                {
                    group[u].Complete(await RefusedAsync(connection, group[u].Work, 0, none).ConfigureAwait(false));
                }
                catch (NpgsqlException e)
                {
                    group[u].Fail(Unavailable(e));
                }
                catch (Exception e)
                {
                    group[u].Fail(e);
                }
            }
        }
        catch (NpgsqlException e)
        {
            var unavailable = Unavailable(e);
            foreach (var unit in group)
            {
                unit.Fail(unavailable);
            }
        }
    }

    /// <summary>
    /// Runs BEGIN, <see cref="UpdateGroupStatement"/> and COMMIT in one round trip: which units' updates found
    /// their version (and are committed), or null when a primary key refused an audit row (rolled back, nothing
    /// written). Any other failure throws; the caller rolls back.
    /// </summary>
    private async Task<bool[]?> RunUpdatesAsync(NpgsqlConnection connection, IReadOnlyList<PendingUnit> units, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Begin));
        batch.BatchCommands.Add(UpdateGroupStatement(units[0].Work.Tenant, units));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var updated = new bool[units.Count];
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                if (reader.FieldCount == 1 && reader.GetName(0) == UpdatedUnit)
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        updated[reader.GetInt32(0)] = true;
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            await RollbackAsync(connection, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return updated;
    }

    /// <summary>
    /// One statement for the units' updates, the feed head and the audit rows. The records are updated in
    /// (type, id) order of the arrays, each WHERE version = expected (under READ COMMITTED a row a concurrent
    /// commit changed is checked again at its new version); only the entries of units it returns are numbered:
    /// the head moves by their count (and stays row-locked until the commit) and they take the positions below
    /// it in unit and entry order, as <see cref="AppendStatement"/> numbers them.
    /// </summary>
    private NpgsqlBatchCommand UpdateGroupStatement(TenantId tenant, IReadOnlyList<PendingUnit> units)
    {
        var count = units.Count;
        var order = new int[count];
        for (var u = 0; u < count; u++)
        {
            order[u] = u;
        }

        // The record locks in one order, as every other write path takes them.
        Array.Sort(order, (a, b) =>
        {
            var x = units[a].Work.Writes[0];
            var y = units[b].Work.Writes[0];
            var byType = string.CompareOrdinal(x.RecordType, y.RecordType);
            return byType != 0 ? byType : string.CompareOrdinal(x.RecordId, y.RecordId);
        });

        var types = new string[count];
        var ids = new string[count];
        var versions = new long[count];
        var expected = new long[count];
        var states = new string[count];
        var stateNames = new string?[count];
        var open = new bool[count];
        var services = new string?[count];
        var groups = new string?[count];
        var priorities = new int?[count];
        var openedAt = new long[count];
        var dueAt = new long?[count];
        var unitOf = new int[count];
        var entries = 0;
        for (var i = 0; i < count; i++)
        {
            var u = order[i];
            var write = units[u].Work.Writes[0];
            var rows = units[u].Rows[0];
            types[i] = write.RecordType;
            ids[i] = write.RecordId;
            versions[i] = write.NewVersion;
            expected[i] = write.ExpectedVersion;
            states[i] = write.State;
            stateNames[i] = write.Index.State;
            open[i] = write.Index.IsOpen;
            services[i] = write.Index.Service;
            groups[i] = write.Index.AssignmentGroup;
            priorities[i] = write.Index.Priority;
            openedAt[i] = rows.OpenedAt;
            dueAt[i] = rows.SlaDueAt;
            unitOf[i] = u;
            entries += write.AuditEntries.Count;
        }

        var entryUnit = new int[entries];
        var entryVersions = new long[entries];
        var at = new long[entries];
        var actors = new string[entries];
        var roles = new string[entries];
        var commands = new string[entries];
        var from = new string[entries];
        var to = new string[entries];
        var data = new string[entries];
        var n = 0;
        for (var u = 0; u < count; u++)
        {
            var write = units[u].Work.Writes[0];
            var rows = units[u].Rows[0];
            for (var i = 0; i < write.AuditEntries.Count; i++, n++)
            {
                var entry = write.AuditEntries[i];
                entryUnit[n] = u;
                entryVersions[n] = write.ExpectedVersion + i + 1; // the store numbers the entries
                at[n] = rows.At[i];
                actors[n] = entry.Actor.Id;
                roles[n] = rows.Roles[i];
                commands[n] = entry.Command;
                from[n] = entry.FromState;
                to[n] = entry.ToState;
                data[n] = rows.Data[i];
            }
        }

        var command = new NpgsqlBatchCommand(
            "WITH w AS (SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::integer[], $12::bigint[], $13::bigint[], $14::integer[])"
            + " AS w(record_type, record_id, version, expected, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at, unit)),"
            + " updated AS (UPDATE " + _records + " r SET version = w.version, state = w.state, state_name = w.state_name, is_open = w.is_open, service = w.service,"
            + " assignment_group = w.assignment_group, priority = w.priority, opened_at = w.opened_at, sla_due_at = w.sla_due_at,"
            + " claim_owner = CASE WHEN r.sla_due_at IS NOT DISTINCT FROM w.sla_due_at THEN r.claim_owner END,"
            + " claim_token = CASE WHEN r.sla_due_at IS NOT DISTINCT FROM w.sla_due_at THEN r.claim_token END,"
            + " claim_until = CASE WHEN r.sla_due_at IS NOT DISTINCT FROM w.sla_due_at THEN r.claim_until END,"
            + " handled_due_at = CASE WHEN r.sla_due_at IS NOT DISTINCT FROM w.sla_due_at THEN r.handled_due_at END"
            + " FROM w WHERE r.tenant = $1 AND r.record_type = w.record_type AND r.record_id = w.record_id AND r.version = w.expected"
            + " RETURNING w.unit, w.record_type, w.record_id),"
            + " e AS (SELECT * FROM unnest($15::integer[], $16::bigint[], $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])"
            + " WITH ORDINALITY AS e(unit, version, at, actor_id, actor_roles, command, from_state, to_state, data, ord)),"
            + " accepted AS (SELECT e.*, u.record_type, u.record_id, row_number() OVER (ORDER BY e.ord) AS n, count(*) OVER () AS total FROM e JOIN updated u ON u.unit = e.unit),"
            + " head AS (INSERT INTO " + _feedHeads + " AS h (tenant, position) SELECT $1, count(*) FROM accepted HAVING count(*) > 0"
            + " ON CONFLICT (tenant) DO UPDATE SET position = h.position + EXCLUDED.position RETURNING h.position),"
            + " appended AS (INSERT INTO " + _audit + " (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)"
            + " SELECT $1, a.record_type, a.record_id, a.version, a.at, a.actor_id, a.actor_roles, a.command, a.from_state, a.to_state, a.data, head.position - a.total + a.n"
            + " FROM accepted a CROSS JOIN head)"
            + " SELECT unit AS " + UpdatedUnit + " FROM updated");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(TextArray(types));
        command.Parameters.Add(TextArray(ids));
        command.Parameters.Add(BigintArray(versions));
        command.Parameters.Add(BigintArray(expected));
        command.Parameters.Add(TextArray(states));
        command.Parameters.Add(NullableTextArray(stateNames));
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = open, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        command.Parameters.Add(NullableTextArray(services));
        command.Parameters.Add(NullableTextArray(groups));
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = priorities, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(BigintArray(openedAt));
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = dueAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(IntegerArray(unitOf));
        command.Parameters.Add(IntegerArray(entryUnit));
        command.Parameters.Add(BigintArray(entryVersions));
        command.Parameters.Add(BigintArray(at));
        command.Parameters.Add(TextArray(actors));
        command.Parameters.Add(TextArray(roles));
        command.Parameters.Add(TextArray(commands));
        command.Parameters.Add(TextArray(from));
        command.Parameters.Add(TextArray(to));
        command.Parameters.Add(TextArray(data));
        return command;
    }

    private static NpgsqlParameter NullableTextArray(string?[] values) =>
        new NpgsqlParameter<string?[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
