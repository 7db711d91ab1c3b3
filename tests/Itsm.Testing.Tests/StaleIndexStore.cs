using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>A host's store with a planted bug: it keeps the index a record was created with.</summary>
internal class StaleIndexStore : IAggregateStore
{
    private readonly InMemoryAggregateStore _inner = new();
    private readonly Dictionary<string, RecordIndex> _firstIndex = [];

    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) => _inner.SaveAsync(Rewrite(write), cancellationToken);

    /// <summary>The write the inner store gets: here with the record's first index for good.</summary>
    protected virtual AggregateWrite Rewrite(AggregateWrite write)
    {
        var index = _firstIndex.TryGetValue(write.RecordId, out var first) ? first : _firstIndex[write.RecordId] = write.Index;
        return new AggregateWrite(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, write.State, index, write.AuditEntries, write.Idempotency, write.Reservations);
    }

    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => _inner.LoadAsync(tenant, recordType, recordId, cancellationToken);

    public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default) => _inner.LoadByNumberAsync(tenant, recordType, number, cancellationToken);

    public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) => _inner.CommitAsync(work, cancellationToken);

    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default) => _inner.FindIdempotencyKeyAsync(tenant, key, cancellationToken);

    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(tenant, query, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) => _inner.ReadAuditAsync(tenant, period, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => _inner.ReadHistoryAsync(tenant, recordType, recordId, cancellationToken);

    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) => _inner.ReadFeedAsync(tenant, after, max, cancellationToken);

    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => _inner.ReadCheckpointAsync(tenant, consumer, cancellationToken);

    public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => _inner.SaveCheckpointAsync(tenant, consumer, position, cancellationToken);

    public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default) => _inner.ParkAsync(tenant, consumer, parked, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => _inner.ReadParkedAsync(tenant, consumer, cancellationToken);

    public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => _inner.UnparkAsync(tenant, consumer, position, cancellationToken);
}
