namespace Itsm.Persistence.Testing;

/// <summary>
/// A way of rewriting or removing audit rows behind a store's back, which
/// <see cref="AggregateStoreContract.TryTamperWithAuditAsync"/> tries with the adapter's own tools. The
/// contract requires every one of them to change nothing. A store that has no such path (no SQL, or no
/// such statement in its dialect) returns <see langword="false"/> for it.
/// </summary>
public enum AuditTampering
{
    /// <summary>An <c>UPDATE</c> of the row (for example of its command and actor).</summary>
    Update,

    /// <summary>A <c>DELETE</c> of the row.</summary>
    Delete,

    /// <summary>
    /// Replacing the row with a forged one: SQLite's <c>INSERT OR REPLACE</c> and <c>REPLACE INTO</c> (which remove
    /// the old row without firing DELETE triggers) of a forged row under the same key, and of a forged row under a
    /// new key that clashes with the row only on another unique column (the feed position, SQLite's rowid), which
    /// REPLACE removes just the same; where the dialect has no such statement, a <c>DELETE</c> and an
    /// <c>INSERT</c> of the forged row in one transaction.
    /// </summary>
    Replace,

    /// <summary>
    /// An insert that updates on conflict: <c>INSERT … ON CONFLICT (key) DO UPDATE</c> (an upsert) under the row's
    /// key, or under a new key with the row's feed position (<c>ON CONFLICT (tenant, position)</c>), or the
    /// dialect's <c>MERGE</c>.
    /// </summary>
    Upsert,

    /// <summary>Removing every audit row at once: <c>TRUNCATE</c>, or <c>DELETE</c> without <c>WHERE</c> where there is no <c>TRUNCATE</c>.</summary>
    Truncate,
}
