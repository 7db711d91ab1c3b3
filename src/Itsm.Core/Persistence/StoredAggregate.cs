using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>A record as a store holds it: its key, the version the store computed, its state and its index.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">The version: the number of audit entries stored for the record.</param>
/// <param name="State">The record's state as a JSON document, exactly as written.</param>
/// <param name="Index">The indexed fields.</param>
public sealed record StoredAggregate(TenantId Tenant, string RecordType, string RecordId, long Version, string State, RecordIndex Index);
