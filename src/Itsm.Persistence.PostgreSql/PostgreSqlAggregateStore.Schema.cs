using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Itsm.Persistence.PostgreSql;

// Creating and migrating the schema once per store, under the schema's advisory lock.
public sealed partial class PostgreSqlAggregateStore
{
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var latest = PostgreSqlSchema.LatestVersion;
            var version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version < latest)
            {
                // Several instances may start at once: the migration SQL takes the schema's advisory lock first,
                // then creates and migrates only what is missing, so exactly one of them does the work.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var migrate = new NpgsqlCommand(PostgreSqlSchema.MigrationSql(_schema), connection, transaction))
                {
                    try
                    {
                        await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException e) when (e.SqlState == "0A000" && e.MessageText.StartsWith("itsm:", StringComparison.Ordinal))
                    {
                        version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                        throw NewerSchema(version, latest, e);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                version = latest;
            }

            if (version > latest)
            {
                throw NewerSchema(version, latest, null);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private StoreUnavailableException NewerSchema(long version, int latest, Exception? inner) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The PostgreSQL store '{_name}' cannot be used: its schema is at version {version}, newer than version {latest} that this release of Itsm.Persistence.PostgreSql understands. Upgrade the package; nothing was written."),
            inner);

    private async Task<long> ReadSchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The fast path of every later start: one round trip, no lock.
        await using var command = new NpgsqlCommand("SELECT to_regclass($1)::text", connection);
        command.Parameters.Add(Text(PostgreSqlSchema.Quote(_schema) + "." + PostgreSqlSchema.MigrationsTable));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0)::bigint FROM " + PostgreSqlSchema.Quote(_schema) + "." + PostgreSqlSchema.MigrationsTable;
        command.Parameters.Clear();
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
