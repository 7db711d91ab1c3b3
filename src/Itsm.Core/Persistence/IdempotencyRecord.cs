namespace Itsm.Persistence;

/// <summary>What a store remembers of an idempotency key: the payload's fingerprint and the result of the first save.</summary>
/// <param name="Key">The client's key.</param>
/// <param name="Fingerprint">The fingerprint of the first payload.</param>
/// <param name="RecordType">The record type the first save wrote.</param>
/// <param name="RecordId">The record id the first save wrote.</param>
/// <param name="Version">The record's version after the first save.</param>
public sealed record IdempotencyRecord(string Key, string Fingerprint, string RecordType, string RecordId, long Version);
