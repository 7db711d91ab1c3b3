namespace Itsm.Persistence.Sqlite;

/// <summary>
/// How hard SQLite syncs the database to disk (its <c>PRAGMA synchronous</c>), set on every connection
/// the store opens. The database always runs in WAL mode.
/// </summary>
/// <remarks><c>default(SqliteSynchronous)</c> is <see cref="Full"/>, the durable setting.</remarks>
public enum SqliteSynchronous
{
    /// <summary>
    /// <c>PRAGMA synchronous = FULL</c>: every commit is synced to disk before the save returns, so a
    /// committed save survives a power loss or an operating-system crash. The default.
    /// </summary>
    Full = 0,

    /// <summary>
    /// <c>PRAGMA synchronous = NORMAL</c>: faster commits; the database stays consistent after any
    /// crash, but the last commits before a power loss or an operating-system crash may be rolled back
    /// (an application crash loses nothing).
    /// </summary>
    Normal = 1,
}
