using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>
/// The records an operation commanded, gathered into one <see cref="UnitOfWork"/>: committed together,
/// their entries accepted and published only after the commit.
/// </summary>
internal sealed class PendingUnit
{
    private readonly List<AggregateWrite> _writes = [];
    private readonly List<Func<IReadOnlyList<AuditEntry>>> _accepts = [];
    private readonly List<Action<IReadOnlyList<long>, int>> _numbers = [];

    /// <summary>Adds a commanded record (one with uncommitted entries; others are skipped). The first added carries <paramref name="key"/>.</summary>
    internal void Add<TAggregate, TId>(AggregateService<TAggregate, TId> service, TAggregate record, IdempotencyKey? key = null)
        where TAggregate : class
    {
        if (service.Codec.UncommittedOf(record).Count == 0)
        {
            return;
        }

        var (write, _) = service.Prepare(record, _writes.Count == 0 ? key : null);
        _writes.Add(write);
        _accepts.Add(() => service.Accept(record, write));
        _numbers.Add((numbers, w) => service.SetNumber(record, numbers, w));
    }

    internal async Task<UnitOfWorkResult> CommitAsync(IAggregateStore store, IDomainEventPublisher publisher, CancellationToken cancellationToken)
    {
        if (_writes.Count == 0)
        {
            return new UnitOfWorkResult(false, [], []);
        }

        var result = await store.CommitAsync(new UnitOfWork(_writes), cancellationToken).ConfigureAwait(false);
        if (result.Replayed)
        {
            // A concurrent run with the same key committed first: its result stands.
            return new UnitOfWorkResult(true, [new CommittedRecord(_writes[0].RecordType, _writes[0].RecordId, result.Version)], []);
        }

        var records = new CommittedRecord[_writes.Count];

        // Sized once: a batch's entries (an import's 10,000) grown by doubling left arrays on the large object heap.
        int entries = 0;
        foreach (var write in _writes)
        {
            entries += write.AuditEntries.Count;
        }

        var events = new List<AuditEntry>(entries);
        for (int i = 0; i < _writes.Count; i++)
        {
            records[i] = new CommittedRecord(_writes[i].RecordType, _writes[i].RecordId, _writes[i].NewVersion);
            events.AddRange(_accepts[i]());
            _numbers[i](result.Numbers, i);
        }

        if (events.Count > 0)
        {
            await publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        }

        return new UnitOfWorkResult(false, records, events);
    }

    /// <summary>What the store remembers of <paramref name="key"/>, as a replayed result; null when the key is new.</summary>
    internal static async Task<UnitOfWorkResult?> ReplayAsync(IAggregateStore store, TenantId tenant, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        if (key is not { } k)
        {
            return null;
        }

        var first = await store.FindIdempotencyKeyAsync(tenant, k.Key, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        return string.Equals(first.Fingerprint, k.Fingerprint, StringComparison.Ordinal)
            ? new UnitOfWorkResult(true, [new CommittedRecord(first.RecordType, first.RecordId, first.Version)], [])
            : throw new IdempotencyConflictException(tenant, k.Key);
    }
}
