using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Diagnostics;

namespace Itsm.Persistence.Sqlite;

// Several records in one statement, each state read only when the caller does not hold its version.
public sealed partial class SqliteAggregateStore
{
    // The statement for 1, 2, … loads: built once per count (the engine uses 1 and 2).
    private static readonly string?[] LoadManySql = new string?[StoreArguments.MaxLoads + 1];

    /// <inheritdoc />
    /// <remarks>
    /// One statement on one connection (<c>UNION ALL</c> of keyed reads, so one read transaction and one snapshot of
    /// the file); a state whose version the caller holds is left out by the statement itself (<c>CASE</c>), so SQLite
    /// neither copies nor sends it.
    /// </remarks>
    public Task<IReadOnlyList<LoadedRecord>> LoadManyAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled && loads is { Count: > 0 }
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, loads[0].RecordType, (this, tenant, loads, cancellationToken), static s => s.Item1.LoadManyCoreAsync(s.tenant, s.loads, s.cancellationToken))
            : LoadManyCoreAsync(tenant, loads, cancellationToken);

    private Task<IReadOnlyList<LoadedRecord>> LoadManyCoreAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        StoreArguments.CheckLoads(tenant, loads);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadKept((tenant, loads), static (session, s) =>
        {
            var (tenant, loads) = s;
            var statement = session.LoadMany(loads.Count).Set(0, tenant.Value);
            for (var i = 0; i < loads.Count; i++)
            {
                var load = loads[i];
                statement.Set(1 + (3 * i), load.RecordType).Set(2 + (3 * i), load.RecordId).Set(3 + (3 * i), load.KnownVersion);
            }

            var results = new LoadedRecord[loads.Count];
            using var reader = statement.Command.ExecuteReader();
            while (reader.Read())
            {
                var at = reader.GetInt32(0);
                results[at] = StoredRows.ReadLoaded(reader, tenant, loads[at]);
            }

            return (IReadOnlyList<LoadedRecord>)results;
        }));
    }

    // Row: the load's position, the state (NULL when its version is the known one), then StoredRows.RecordColumns.
    private static string BuildLoadManySql(int count)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sql.Append(" UNION ALL ");
            }

            sql.Append(CultureInfo.InvariantCulture, $"SELECT {i}, CASE WHEN version = $k{i} THEN NULL ELSE state END, {StoredRows.RecordColumns} FROM records WHERE tenant = $tenant AND record_type = $t{i} AND record_id = $i{i}");
        }

        return sql.ToString();
    }
}
