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
/// <item><see cref="CommitAsync"/> does the same for several records at once: every write, or none.</item>
/// <item>Reservations (<see cref="AggregateWrite.Reservations"/>) are checked against every other record's
/// in the same transaction that saves them: of two overlapping reservations saved concurrently, at most one
/// commits, the other fails with <see cref="ReservationConflictException"/>.</item>
/// <item>Every committed audit entry gets the next position of its tenant's feed (1, 2, 3, … with no gaps),
/// in commit order: when a reader sees position <c>p</c>, every position below <c>p</c> is visible too.</item>
/// <item>The audit log is append-only and keyed by (tenant, record type, record id, version); SQL
/// adapters refuse UPDATE and DELETE on it in the database itself.</item>
/// <item>Every record created gets the next number of its tenant and record type (<see cref="StoredAggregate.Number"/>:
/// 1, 2, 3, …), allocated in the transaction that inserts it, so two records of one tenant and type never share a
/// number, also under concurrent creates; an idempotent replay allocates nothing.</item>
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

    /// <summary>Loads a record by its number (<see cref="StoredAggregate.Number"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type: numbers count per type, so <c>Incident</c> 7 and <c>Problem</c> 7 are two records.</param>
    /// <param name="number">The number: 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has no record of this type with this number.</returns>
    /// <exception cref="System.ArgumentException">The tenant or record type is missing or invalid, or <paramref name="number"/> is below 1.</exception>
    Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads several records of a tenant in one call, each read in full unless the caller already holds its stored
    /// version (<see cref="RecordLoad.KnownVersion"/>): then only the version comes back. The engine reads a record
    /// together with the service model its command is checked against this way, so a command that names a service,
    /// group or configuration item costs one store call, and the model's state is read only when it changed.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="loads">The records: 1 to <see cref="StoreArguments.MaxLoads"/>, each key as <see cref="LoadAsync"/> takes it; a key may appear twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One <see cref="LoadedRecord"/> per load, in the order of <paramref name="loads"/>: the version 0 when the record
    /// does not exist; the version alone when it is the load's known version; else the version and the record, as
    /// <see cref="LoadAsync"/> returns it. Each result is what a <see cref="LoadAsync"/> at the time of the call would
    /// have read: an edit committed before the call is always seen (the adapters of this library read all the
    /// records in one statement, so they come from one snapshot).
    /// </returns>
    /// <remarks>
    /// The default implementation calls <see cref="LoadAsync"/> for each load and leaves out the states the caller
    /// holds, so an adapter written before this member keeps working; an adapter overrides it to read everything in one
    /// round trip, and to leave an unchanged state unread.
    /// </remarks>
    /// <exception cref="System.ArgumentException">The tenant is missing, there are no loads or too many, a key is invalid, or a known version is negative.</exception>
    async Task<IReadOnlyList<LoadedRecord>> LoadManyAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckLoads(tenant, loads);
        var results = new LoadedRecord[loads.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var load = loads[i];
            results[i] = LoadedRecord.Of(await LoadAsync(tenant, load.RecordType, load.RecordId, cancellationToken).ConfigureAwait(false), load.KnownVersion);
        }

        return results;
    }

    /// <summary>Saves a record and appends its audit entries in one transaction.</summary>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The new version; or, when <see cref="AggregateWrite.Idempotency"/> names a key already stored
    /// with the same fingerprint, the first save's version with <see cref="SaveResult.Replayed"/> set
    /// and nothing written. A save that creates the record (<see cref="AggregateWrite.ExpectedVersion"/> 0) allocates
    /// its number and returns it in <see cref="SaveResult.Numbers"/>.
    /// </returns>
    /// <exception cref="ConcurrencyException">The stored version is not the expected version.</exception>
    /// <exception cref="IdempotencyConflictException">The key is stored with another fingerprint.</exception>
    Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves several records and appends all their audit entries in one transaction, or nothing: a
    /// conflict on any write (its expected version, a reservation) or an idempotency conflict writes nothing.
    /// </summary>
    /// <param name="work">The writes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The first write's new version; or, when the unit's idempotency key is already stored with the same
    /// fingerprint, the first use's version with <see cref="SaveResult.Replayed"/> set and nothing written. The
    /// records the unit creates get their numbers in write order, returned in <see cref="SaveResult.Numbers"/>.
    /// </returns>
    /// <exception cref="ConcurrencyException">A record is not at its write's expected version (the exception names it).</exception>
    /// <exception cref="ReservationConflictException">A reservation overlaps another record's.</exception>
    /// <exception cref="IdempotencyConflictException">The key is stored with another fingerprint.</exception>
    Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default);

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

    /// <summary>Reads a tenant's event feed: the committed audit entries after a position, in position order.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="after">The last position the reader has handled; 0 to read from the start.</param>
    /// <param name="max">The most entries to return: 1 to <see cref="StoreArguments.MaxFeedRead"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Entries at positions <c>after + 1</c>, <c>after + 2</c>, …, at most <paramref name="max"/>, with no gap;
    /// empty when nothing was committed after <paramref name="after"/>.
    /// </returns>
    Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default);

    /// <summary>Reads a feed consumer's checkpoint: the last position it recorded as handled.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name (see <see cref="StoreArguments.CheckConsumer"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position, or 0 when the consumer never saved one.</returns>
    Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default);

    /// <summary>Records a feed consumer's checkpoint, replacing the one it had (it may move back, to replay).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="position">The last position handled; 0 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default);

    /// <summary>Parks a feed entry for a consumer (replacing an earlier parking of the same position).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="parked">The entry's position and why it was parked.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default);

    /// <summary>Lists a consumer's parked entries.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parked entries, by position.</returns>
    Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default);

    /// <summary>Removes a parked entry (after it was replayed, or deliberately given up).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="position">The parked entry's position.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was parked and is now removed.</returns>
    Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default);
}
