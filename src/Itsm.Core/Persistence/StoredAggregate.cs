using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>A record as a store holds it: its key, the version the store computed, its state and its index.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">The version: the number of audit entries stored for the record.</param>
/// <param name="State">The record's state as a JSON document, exactly as written.</param>
/// <param name="Index">The indexed fields.</param>
public sealed record StoredAggregate(TenantId Tenant, string RecordType, string RecordId, long Version, string State, RecordIndex Index)
{
    /// <summary>
    /// The record's number within its tenant and record type: 1, 2, 3, … in the order the records were
    /// created, allocated by the store in the transaction that created the record and never changed or reused
    /// (what an engine shows as <c>INC0000042</c>, see <c>TicketNumbering</c>).
    /// </summary>
    /// <remarks>
    /// Gapless in the stores of this library: a create that fails or rolls back takes no number. Another
    /// adapter may leave gaps (a sequence that is not rolled back), but never repeats a number.
    /// </remarks>
    public long Number { get; init; }
}
