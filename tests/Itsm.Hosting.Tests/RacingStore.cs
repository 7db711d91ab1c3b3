using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Hosting.Tests;

/// <summary>
/// A store over another that, at its first save, first lets <see cref="BeforeFirstSave"/> run (another
/// worker's whole look): the save then carries a version that is no longer current, as when two
/// instances load the same version of a ticket. Counts the conflicts the inner store reports.
/// </summary>
internal sealed class RacingStore(IAggregateStore inner) : IAggregateStore
{
    private int _saves;

    public Func<Task>? BeforeFirstSave { get; set; }

    public int Conflicts { get; private set; }

    public async Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _saves) == 1 && BeforeFirstSave is { } race)
        {
            await race();
        }

        try
        {
            return await inner.SaveAsync(write, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            Conflicts++;
            throw;
        }
    }

    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => inner.LoadAsync(tenant, recordType, recordId, cancellationToken);

    public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default) => inner.LoadByNumberAsync(tenant, recordType, number, cancellationToken);

    public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) => inner.CommitAsync(work, cancellationToken);

    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default) => inner.FindIdempotencyKeyAsync(tenant, key, cancellationToken);

    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(tenant, query, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) => inner.ReadAuditAsync(tenant, period, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => inner.ReadHistoryAsync(tenant, recordType, recordId, cancellationToken);

    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) => inner.ReadFeedAsync(tenant, after, max, cancellationToken);

    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(tenant, consumer, cancellationToken);

    public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => inner.SaveCheckpointAsync(tenant, consumer, position, cancellationToken);

    public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default) => inner.ParkAsync(tenant, consumer, parked, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => inner.ReadParkedAsync(tenant, consumer, cancellationToken);

    public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => inner.UnparkAsync(tenant, consumer, position, cancellationToken);
}
