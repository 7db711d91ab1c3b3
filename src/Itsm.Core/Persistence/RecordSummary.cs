using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>One row of a <see cref="RecordQuery"/>: a record's key, version and indexed fields, without its state.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordType">The record type.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">The record's version.</param>
/// <param name="Index">The indexed fields.</param>
public sealed record RecordSummary(TenantId Tenant, string RecordType, string RecordId, long Version, RecordIndex Index)
{
    /// <summary>The record's number within its tenant and record type (see <see cref="StoredAggregate.Number"/>).</summary>
    public long Number { get; init; }
}
