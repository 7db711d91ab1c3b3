namespace Itsm.Persistence;

/// <summary>One record to read with <see cref="IAggregateStore.LoadManyAsync"/>: its key, and the version the caller already holds.</summary>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="KnownVersion">
/// The version whose state the caller already holds (it caches it), or 0 to read the state whatever the version.
/// When the stored version is this one, the store returns the version alone (<see cref="LoadedRecord.Unchanged"/>)
/// and neither reads nor sends the state.
/// </param>
public readonly record struct RecordLoad(string RecordType, string RecordId, long KnownVersion = 0);

/// <summary>What <see cref="IAggregateStore.LoadManyAsync"/> found for one <see cref="RecordLoad"/>.</summary>
/// <param name="Version">The stored version; 0 when the tenant has no such record.</param>
/// <param name="Record">
/// The record with its state; <see langword="null"/> when the tenant has no such record, or when its stored version is the
/// load's <see cref="RecordLoad.KnownVersion"/> (then <see cref="Version"/> says which, and the caller's copy is current).
/// </param>
/// <remarks><c>default</c> is a record that does not exist.</remarks>
public readonly record struct LoadedRecord(long Version, StoredAggregate? Record)
{
    /// <summary>Whether the tenant has the record.</summary>
    public bool Exists => Version > 0;

    /// <summary>Whether the record exists at the version the load named as known, so its state was not read.</summary>
    public bool Unchanged => Record is null && Version > 0;

    /// <summary>The result of a load for a record read in full (or absent): the state left out when the version is the known one.</summary>
    /// <param name="stored">The record read, or null when it does not exist.</param>
    /// <param name="knownVersion">The load's <see cref="RecordLoad.KnownVersion"/>.</param>
    /// <returns>The result.</returns>
    internal static LoadedRecord Of(StoredAggregate? stored, long knownVersion) =>
        stored is null ? default
        : knownVersion > 0 && stored.Version == knownVersion ? new LoadedRecord(stored.Version, null)
        : new LoadedRecord(stored.Version, stored);
}
