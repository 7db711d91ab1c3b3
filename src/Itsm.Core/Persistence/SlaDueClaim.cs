using System;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A claim on one due record: the record's due instant <see cref="DueAt"/> (<see cref="RecordIndex.SlaDueAt"/>),
/// handed by <see cref="ISlaDueClaims.ClaimDueAsync"/> to exactly one owner until <see cref="LeaseUntil"/>.
/// </summary>
/// <param name="Tenant">The tenant of the record.</param>
/// <param name="RecordType">The record type.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">The record's version when it was claimed (a later save may have moved it on).</param>
/// <param name="DueAt">The due instant (<see cref="RecordIndex.SlaDueAt"/>) this claim is for.</param>
/// <param name="Owner">The owner that claimed it (an instance name).</param>
/// <param name="LeaseUntil">When the claim expires if it is not completed: from then on the record can be claimed again.</param>
/// <param name="Token">Identifies this claim; <see cref="ISlaDueClaims.CompleteAsync"/> completes only the claim holding it.</param>
public sealed record SlaDueClaim(
    TenantId Tenant,
    string RecordType,
    string RecordId,
    long Version,
    Instant DueAt,
    string Owner,
    Instant LeaseUntil,
    Guid Token);
