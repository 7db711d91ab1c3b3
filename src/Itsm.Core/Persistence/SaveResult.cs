namespace Itsm.Persistence;

/// <summary>The outcome of a save.</summary>
/// <param name="Version">The record's version after the save (for a replay, after the first save).</param>
/// <param name="Replayed">Whether the save was a replay of an idempotency key already stored, so nothing was written.</param>
public readonly record struct SaveResult(long Version, bool Replayed);
