using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Npgsql;

namespace Itsm.Persistence.PostgreSql;

// How a commit's statements travel. The transaction is opened and closed by statements of the batches themselves
// (BEGIN first, COMMIT last), so that a unit whose every check fails the statement that finds it (a stale version,
// a key already used) commits in one round trip: the server runs the batch up to the first error and skips the
// rest, the feed head and the COMMIT included. Only a reservation check, which the client judges from the row it
// returns, and the tests' hook between the feed allocation and the commit need the head in a round trip of its own.
public sealed partial class PostgreSqlAggregateStore
{
    private const string DivisionByZero = "22012";

    // A stale version was found, but an earlier write (in write order) of the unit was not checked.
    private const int UnknownStaleWrite = -1;

    // Explicit, so that a server or role whose default isolation is stricter cannot change the store's semantics.
    private const string Begin = "BEGIN ISOLATION LEVEL READ COMMITTED";

    private static readonly string[] SavepointNames = Names("SAVEPOINT unit_");

    private static readonly string[] RollbackNames = Names("ROLLBACK TO SAVEPOINT unit_");

    /// <summary>One attempt: the saved result; or, rolled back, a reservation conflict or a refusal (a stale version or a key).</summary>
    private async Task<Outcome> TryCommitAsync(NpgsqlConnection connection, PendingUnit unit, CancellationToken cancellationToken)
    {
        var hook = FeedAllocatedHook;
        PendingUnit[] units = [unit];

        // A lone unit keeps its scalar statements even when it is a single-record update: the array statement of
        // UpdateGroup.cs saves nothing without savepoints to drop and allocates about 4 KB more per command.
        var folded = hook is null && unit.Held.Count == 0;
        var stored = new ReservationRow?[1];
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Begin));
        var statements = AddUnitStatements(batch, unit, 0);
        if (folded)
        {
            AddFinishStatements(batch, unit.Work.Tenant, units);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        try
        {
            try
            {
                await RunAsync(batch, units, stored, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation || StaleWrite(batch, e, statements) is not null)
            {
                // A primary key refused a row (a racing create, audit rows already numbered so, a racing use of the
                // same idempotency key) or a version was stale: the caller reads what is stored now and reports it.
                await RollbackAsync(connection, cancellationToken).ConfigureAwait(false);
                return StaleOrKey(StaleWrite(batch, e, statements));
            }

            if (folded)
            {
                return new Outcome(Committed(unit), null, null);
            }

            if (Judge(unit, stored[0]) is { } refused)
            {
                await RollbackAsync(connection, cancellationToken).ConfigureAwait(false);
                return refused;
            }

            // The last statement: the tenant's feed head moves by the unit's entry count and stays row-locked until
            // the commit, and the audit rows take the positions below it, in write and entry order.
            await using (var append = new NpgsqlBatch(connection))
            {
                AddFinishStatements(append, unit.Work.Tenant, units);
                try
                {
                    await RunAsync(append, units, stored, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == UniqueViolation)
                {
                    await RollbackAsync(connection, cancellationToken).ConfigureAwait(false);
                    return new Outcome(null, null, null);
                }
            }

            if (hook is not null)
            {
                await hook(cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, "COMMIT", cancellationToken).ConfigureAwait(false);
            return new Outcome(Committed(unit), null, null);
        }
        catch (Exception)
        {
            // Anything else leaves the transaction open or failed: end it before the connection goes back to the pool.
            await RollbackQuietlyAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Adds the last statements of a commit: the record numbers of the units' creates, if any, then the feed head and
    /// the audit rows (the head is row-locked from here to the end of the transaction).
    /// </summary>
    private void AddFinishStatements(NpgsqlBatch batch, TenantId tenant, IReadOnlyList<PendingUnit> units)
    {
        if (units.Count == 0)
        {
            return;
        }

        AddNumberStatement(batch, tenant, units);
        batch.BatchCommands.Add(AppendStatement(tenant, units));
    }

    /// <summary>
    /// Runs a batch and reads what it returns: each unit's reservation check row (by the unit's tag, into
    /// <paramref name="stored"/>), and the numbers the creates of <paramref name="numbered"/> got (the reader steps
    /// over the statements that return no rows, so each result is known by its columns).
    /// </summary>
    private static async Task RunAsync(NpgsqlBatch batch, IReadOnlyList<PendingUnit> numbered, ReservationRow?[] stored, CancellationToken cancellationToken)
    {
        foreach (var unit in numbered)
        {
            unit.Numbers = null; // from an attempt that was rolled back
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            if (reader.FieldCount == 6 && reader.GetName(0) == "unit")
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[reader.GetInt32(0)] = new ReservationRow((int)reader.GetInt64(1) - 1, reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5));
                }
            }
            else if (reader.FieldCount == 3 && reader.GetName(0) == "number_unit")
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var unit = numbered[reader.GetInt32(0)];
                    unit.Numbers ??= new long[unit.Work.Writes.Count];
                    unit.Numbers[reader.GetInt32(1)] = reader.GetInt64(2);
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// When the error is a record statement of the unit failing its version check: the stale write if it is the
    /// first stale one in write order (every write before it in write order ran before it and passed), else
    /// <see cref="UnknownStaleWrite"/> (its refusal then looks up which); null when the error is something else.
    /// </summary>
    private static int? StaleWrite(NpgsqlBatch batch, PostgresException error, UnitStatements statements)
    {
        if (error.SqlState != DivisionByZero || error.BatchCommand is not NpgsqlBatchCommand command)
        {
            return null;
        }

        var index = batch.BatchCommands.IndexOf(command) - statements.First;
        if (index < 0 || index >= statements.Order.Length)
        {
            return null;
        }

        // Records are updated in (type, id) order; a write before this one in write order that comes later in that
        // order did not run, and may be stale too.
        var write = statements.Order[index];
        for (var later = index + 1; later < statements.Order.Length; later++)
        {
            if (statements.Order[later] < write)
            {
                return UnknownStaleWrite;
            }
        }

        return write;
    }

    /// <summary>The refusal of a unit found stale: the stale write when known, else null (the refusal reads the versions).</summary>
    private static Outcome StaleOrKey(int? stale) => new(null, null, stale is >= 0 ? stale : null);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task RollbackAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "ROLLBACK", cancellationToken);

    /// <summary>Rolls back after a failure; a connection that broke with it is discarded by the pool anyway.</summary>
    private static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await RollbackAsync(connection, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Broken or closed: the server ended the transaction with the connection.
        }
    }

    private static string[] Names(string prefix)
    {
        var names = new string[PostgreSqlStoreOptions.MaxGroupCommitUnitsLimit];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}");
        }

        return names;
    }
}
