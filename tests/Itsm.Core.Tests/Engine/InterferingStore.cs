using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// An in-memory store that runs <see cref="BeforeCommit"/> once, just before the next unit of work
/// commits: a concurrent writer striking between the engine's loads and its commit.
/// </summary>
internal sealed class InterferingStore : IAggregateStore
{
    public InMemoryAggregateStore Inner { get; } = new();

    public Func<Task>? BeforeCommit { get; set; }

    public async Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default)
    {
        if (BeforeCommit is { } interfere)
        {
            BeforeCommit = null;
            await interfere();
        }

        return await Inner.CommitAsync(work, cancellationToken);
    }

    /// <summary>Changes what a load returns (a test's damaged state), when set.</summary>
    public Func<StoredAggregate, StoredAggregate>? OnLoad { get; set; }

    public async Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        var stored = await Inner.LoadAsync(tenant, recordType, recordId, cancellationToken);
        return stored is not null && OnLoad is { } damage ? damage(stored) : stored;
    }

    public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default) => Inner.LoadByNumberAsync(tenant, recordType, number, cancellationToken);

    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) => Inner.SaveAsync(write, cancellationToken);

    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default) => Inner.FindIdempotencyKeyAsync(tenant, key, cancellationToken);

    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync(tenant, query, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) => Inner.ReadAuditAsync(tenant, period, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => Inner.ReadHistoryAsync(tenant, recordType, recordId, cancellationToken);

    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) => Inner.ReadFeedAsync(tenant, after, max, cancellationToken);

    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => Inner.ReadCheckpointAsync(tenant, consumer, cancellationToken);

    public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => Inner.SaveCheckpointAsync(tenant, consumer, position, cancellationToken);

    public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default) => Inner.ParkAsync(tenant, consumer, parked, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => Inner.ReadParkedAsync(tenant, consumer, cancellationToken);

    public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => Inner.UnparkAsync(tenant, consumer, position, cancellationToken);
}
