using System;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.DependencyInjection;
using Itsm.Persistence.Sqlite;

// In the namespace of AddItsm, so UseSqlite shows up wherever AddItsm does.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store with <c>services.AddItsm(...)</c>.</summary>
public static class SqliteItsmBuilderExtensions
{
    /// <summary>
    /// Keeps records in the SQLite file at <paramref name="path"/> (created and migrated on first use),
    /// with <c>synchronous=FULL</c>: every committed command survives a power loss.
    /// </summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="path">The database file.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ItsmBuilder UseSqlite(this ItsmBuilder builder, string path)
    {
        Guard.Against.Null(builder);
        Guard.Against.NullOrWhiteSpace(path);
        return builder.UseSqlite(new SqliteStoreOptions { Path = path });
    }

    /// <summary>Keeps records in a SQLite file, with every store setting given.</summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="options">The store's settings; validated at startup with the engine's other settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ItsmBuilder UseSqlite(this ItsmBuilder builder, SqliteStoreOptions options)
    {
        Guard.Against.Null(builder);
        Guard.Against.Null(options);
        return builder.UseStore(
            $"the SQLite store at '{options.Path}'",
            _ => new SqliteAggregateStore(options),
            () => options.Validate().Select(e => "SQLite store: " + e));
    }
}
