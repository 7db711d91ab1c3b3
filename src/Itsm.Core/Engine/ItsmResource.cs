using Itsm.Common;

namespace Itsm.Engine;

/// <summary>What an operation applies to, as an authorizer sees it.</summary>
/// <param name="Tenant">The tenant, always.</param>
/// <param name="RecordType">
/// The record type, for example <c>"Incident"</c>: set for commands and for reads, queries and saves of one
/// record type; <see langword="null"/> for tenant-wide reads (<see cref="ReadAudit"/>, <see cref="ReadFeed"/>).
/// </param>
/// <param name="RecordId">
/// The record id: set when one record is meant (commands, <see cref="ReadRecord"/>, <see cref="ReadHistory"/>,
/// <see cref="SaveRecord"/>); <see langword="null"/> for <see cref="QueryRecords"/> and tenant-wide reads.
/// </param>
/// <param name="Record">
/// The record itself (for example an <c>Incident</c>), for rules that look at it: the loaded record for a
/// command on it, for <see cref="ReadRecord"/> and <see cref="ReadHistory"/>, and the record to be saved for
/// <see cref="SaveRecord"/>. <see langword="null"/> when a command creates the record, when the record to
/// read does not exist, and for queries and tenant-wide reads.
/// </param>
public sealed record ItsmResource(TenantId Tenant, string? RecordType, string? RecordId, object? Record);
