namespace Itsm.Engine;

/// <summary>A record an operation wrote, and its version after the commit.</summary>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">Its version after the commit.</param>
public readonly record struct CommittedRecord(string RecordType, string RecordId, long Version);
