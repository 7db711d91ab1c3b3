using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The persistence port: the one interface a store adapter implements (SQLite, PostgreSQL, the
/// in-memory store, or a host's own). It holds records as JSON state plus indexed fields, an
/// append-only audit log, and idempotency keys, all keyed by tenant.
/// </summary>
/// <remarks>
/// <para>The contract every adapter honours (the shared contract test suite checks it):</para>
/// <list type="bullet">
/// <item><see cref="SaveAsync"/> is atomic: it writes the state, the index, every audit entry and the
/// idempotency key, or nothing.</item>
/// <item>Optimistic concurrency: a save whose <see cref="AggregateWrite.ExpectedVersion"/> is not the
/// stored version (0 when absent) fails with <see cref="ConcurrencyException"/>, so no update is ever
/// lost, and creating a record that exists is a conflict too.</item>
/// <item>The store computes versions: the record gets <see cref="AggregateWrite.NewVersion"/> and the
/// audit entries are numbered from <c>ExpectedVersion + 1</c>, whatever the entries carried.</item>
/// <item>The audit log is append-only and keyed by (tenant, record type, record id, version); SQL
/// adapters refuse UPDATE and DELETE on it in the database itself.</item>
/// <item>The tenant is part of every key and every query: nothing reads across tenants.</item>
/// <item>Instants round-trip exactly (nanoseconds) between 1678-09-22 and 2262-04-11.</item>
/// <item>Bad arguments throw <see cref="System.ArgumentException"/>; an unusable store throws
/// <see cref="StoreUnavailableException"/>; neither writes anything.</item>
/// </list>
/// <para>Implementations are safe to call from many threads at once.</para>
/// </remarks>
public interface IAggregateStore
{
    /// <summary>Loads a record.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has no such record.</returns>
    Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Saves a record and appends its audit entries in one transaction.</summary>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The new version; or, when <see cref="AggregateWrite.Idempotency"/> names a key already stored
    /// with the same fingerprint, the first save's version with <see cref="SaveResult.Replayed"/> set
    /// and nothing written.
    /// </returns>
    /// <exception cref="ConcurrencyException">The stored version is not the expected version.</exception>
    /// <exception cref="IdempotencyConflictException">The key is stored with another fingerprint.</exception>
    Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default);

    /// <summary>Finds what the store remembers of an idempotency key.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="key">The client's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record of the key's first use, or <see langword="null"/> when the tenant never used it.</returns>
    Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default);

    /// <summary>Lists records of a tenant by their indexed fields.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching records, ordered as <see cref="RecordQuery"/> says.</returns>
    Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads the audit entries of a tenant accepted in a period, for KPIs and SLA replay.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="period">The period: entries with <see cref="AuditEntry.At"/> in [start, end). Both ends must be bounded.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, ordered by time, then record type, record id and version.</returns>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default);

    /// <summary>Reads the whole audit history of one record.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries ordered by version (empty when there is no such record).</returns>
    Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default);
}
