using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>The record a command targets, as an authorizer sees it.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Record">The loaded record (for example an <c>Incident</c>), or <see langword="null"/> when the command creates it.</param>
public sealed record ItsmResource(TenantId Tenant, string RecordType, string RecordId, object? Record);
