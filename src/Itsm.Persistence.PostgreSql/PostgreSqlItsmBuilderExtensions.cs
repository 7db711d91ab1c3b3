using System;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.DependencyInjection;
using Itsm.Persistence.PostgreSql;

// In the namespace of AddItsm, so UsePostgreSql shows up wherever AddItsm does.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store with <c>services.AddItsm(...)</c>.</summary>
public static class PostgreSqlItsmBuilderExtensions
{
    /// <summary>
    /// Keeps records in PostgreSQL (schema <c>itsm</c>, created and migrated on first use), for hosts
    /// that run many instances over one database.
    /// </summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    /// <remarks>The container owns the store (one connection pool per container) and disposes it.</remarks>
    public static ItsmBuilder UsePostgreSql(this ItsmBuilder builder, string connectionString)
    {
        Guard.Against.Null(builder);
        Guard.Against.NullOrWhiteSpace(connectionString);
        return builder.UsePostgreSql(new PostgreSqlStoreOptions { ConnectionString = connectionString });
    }

    /// <summary>Keeps records in PostgreSQL, with every store setting given.</summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="options">The store's settings; validated at startup with the engine's other settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    /// <remarks>The container owns the store (one connection pool per container) and disposes it.</remarks>
    public static ItsmBuilder UsePostgreSql(this ItsmBuilder builder, PostgreSqlStoreOptions options)
    {
        Guard.Against.Null(builder);
        Guard.Against.Null(options);
        return builder.UseStore(
            $"the PostgreSQL store (schema '{options.Schema}')",
            _ => new PostgreSqlAggregateStore(options),
            () => options.Validate().Select(e => "PostgreSQL store: " + e));
    }
}
