using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A store that keeps everything in memory, honouring the whole <see cref="IAggregateStore"/>
/// contract (versions, concurrency, tenant isolation, idempotency, an append-only audit log).
/// For tests, samples and hosts that need no durability; it is also the reference the shared
/// contract suite is written against.
/// </summary>
/// <remarks>
/// <para>Thread-safe: every call takes one lock, so saves are serialised and atomic.</para>
/// <para>Audit entries are kept as bytes (a few tens an entry), not as the objects saved: each read of history,
/// audit or feed decodes new <see cref="AuditEntry"/> objects, equal to the ones saved. Memory grows with the
/// log; nothing is ever dropped.</para>
/// </remarks>
public sealed class InMemoryAggregateStore : IAggregateStore, IKeepsUtf8State
{
    // The store's db.system on its activities and metrics (OpenTelemetry names none for a process's memory).
    private const string DbSystem = "memory";

    private readonly object _gate = new();
    // A record's state, history and feed under one key: a save looks its record up once (keys hash their strings).
    private readonly Dictionary<(TenantId Tenant, string Type, string Id), RecordSlot> _records = [];
    private readonly Dictionary<(TenantId Tenant, string Key), IdempotencyRecord> _keys = [];

    // Every audit entry, kept once as bytes (InMemoryAuditLog says why); histories and feeds hold their addresses.
    private readonly InMemoryAuditLog _log = new();

    // Each tenant's feed: the entry at index i is at position i + 1. Its audit log is the same entries.
    private readonly Dictionary<TenantId, List<long>> _feeds = [];
    private readonly Dictionary<(TenantId Tenant, string Consumer), long> _checkpoints = [];
    private readonly Dictionary<(TenantId Tenant, string Consumer), SortedDictionary<long, ParkedEvent>> _parked = [];
    private readonly Dictionary<(TenantId Tenant, string Type, string Id), ResourceReservation[]> _reservations = [];
    private readonly Dictionary<(TenantId Tenant, string Type, long Number), RecordSlot> _byNumber = [];
    private readonly Dictionary<(TenantId Tenant, string Type), long> _lastNumbers = [];

    /// <inheritdoc />
    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.LoadCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : LoadCoreAsync(tenant, recordType, recordId, cancellationToken);

    private Task<StoredAggregate?> LoadCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((tenant, recordType, recordId))?.Current);
        }
    }

    /// <inheritdoc />
    public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckNumber(tenant, recordType, number);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_byNumber.GetValueOrDefault((tenant, recordType, number))?.Current);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoadedRecord>> LoadManyAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled && loads is { Count: > 0 }
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, loads[0].RecordType, (this, tenant, loads, cancellationToken), static s => s.Item1.LoadManyCoreAsync(s.tenant, s.loads, s.cancellationToken))
            : LoadManyCoreAsync(tenant, loads, cancellationToken);

    private Task<IReadOnlyList<LoadedRecord>> LoadManyCoreAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        StoreArguments.CheckLoads(tenant, loads);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new LoadedRecord[loads.Count];
        lock (_gate)
        {
            // Under one lock: the records come from one moment, as the SQL stores' single statement reads them.
            for (var i = 0; i < results.Length; i++)
            {
                var load = loads[i];
                results[i] = LoadedRecord.Of(_records.GetValueOrDefault((tenant, load.RecordType, load.RecordId))?.Current, load.KnownVersion);
            }
        }

        return Task.FromResult<IReadOnlyList<LoadedRecord>>(results);
    }

    /// <inheritdoc />
    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Save, StoreTelemetry.RecordTypeOf(write), (this, write, cancellationToken), static s => s.Item1.SaveCoreAsync(s.write, s.cancellationToken))
            : SaveCoreAsync(write, cancellationToken);

    private Task<SaveResult> SaveCoreAsync(AggregateWrite write, CancellationToken cancellationToken)
    {
        Guard.Against.Null(write);
        return CommitCoreAsync(new UnitOfWork(write), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Commit, null, (this, work, cancellationToken), static s => s.Item1.CommitCoreAsync(s.work, s.cancellationToken))
            : CommitCoreAsync(work, cancellationToken);

    private Task<SaveResult> CommitCoreAsync(UnitOfWork work, CancellationToken cancellationToken)
    {
        Guard.Against.Null(work);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var tenant = work.Tenant;
            if (work.Idempotency is { } idempotency && _keys.TryGetValue((tenant, idempotency.Key), out var first))
            {
                return first.Fingerprint == idempotency.Fingerprint
                    ? Task.FromResult(new SaveResult(first.Version, Replayed: true))
                    : throw new IdempotencyConflictException(tenant, idempotency.Key);
            }

            // Every check before any change: a unit commits whole or not at all. (Indexed loops: the
            // writes are an IReadOnlyList, whose enumerator would be boxed on every save.) The slots found
            // are kept for the writes: the one of a lone write without an array.
            var writes = work.Writes;
            RecordSlot? single = null;
            var slots = writes.Count == 1 ? null : new RecordSlot?[writes.Count];
            for (int w = 0; w < writes.Count; w++)
            {
                var write = writes[w];
                var slot = _records.GetValueOrDefault((tenant, write.RecordType, write.RecordId));
                var actual = slot?.Current.Version ?? 0;
                if (actual != write.ExpectedVersion)
                {
                    throw new ConcurrencyException(tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
                }

                if (slots is null)
                {
                    single = slot;
                }
                else
                {
                    slots[w] = slot;
                }
            }

            CheckReservations(work);
            long[]? numbers = null;
            for (var i = 0; i < work.Writes.Count; i++)
            {
                var number = Apply(work.Writes[i], slots is null ? single : slots[i]);
                if (number > 0)
                {
                    numbers ??= new long[work.Writes.Count];
                    numbers[i] = number;
                }
            }

            if (work.Idempotency is { } newKey)
            {
                var head = work.Writes[0];
                _keys[(tenant, newKey.Key)] = new IdempotencyRecord(newKey.Key, newKey.Fingerprint, head.RecordType, head.RecordId, head.NewVersion);
            }

            var result = new SaveResult(work.Writes[0].NewVersion, Replayed: false);
            return Task.FromResult(numbers is null ? result : result with { Numbers = numbers });
        }
    }

    private void CheckReservations(UnitOfWork work)
    {
        for (int w = 0; w < work.Writes.Count; w++)
        {
            var write = work.Writes[w];
            if (write.Reservations is not { } wanted)
            {
                continue;
            }

            foreach (var reservation in wanted)
            {
                foreach (var (holder, held) in _reservations)
                {
                    if (holder.Tenant != work.Tenant || (holder.Type == write.RecordType && holder.Id == write.RecordId) || ReleasedBy(work, holder))
                    {
                        continue;
                    }

                    foreach (var other in held)
                    {
                        if (reservation.Overlaps(other))
                        {
                            throw new ReservationConflictException(work.Tenant, write.RecordType, write.RecordId, reservation, holder.Type, holder.Id, other.Window);
                        }
                    }
                }

                // Two writes of one unit may not take the same resource either.
                foreach (var sibling in work.Writes)
                {
                    if (ReferenceEquals(sibling, write) || sibling.Reservations is not { } theirs)
                    {
                        continue;
                    }

                    foreach (var other in theirs)
                    {
                        if (reservation.Overlaps(other))
                        {
                            throw new ReservationConflictException(work.Tenant, write.RecordType, write.RecordId, reservation, sibling.RecordType, sibling.RecordId, other.Window);
                        }
                    }
                }
            }
        }
    }

    // A holder whose own write in this unit replaces its reservations holds, after the commit, only
    // what that write says; those are checked as siblings.
    private static bool ReleasedBy(UnitOfWork work, (TenantId Tenant, string Type, string Id) holder)
    {
        foreach (var write in work.Writes)
        {
            if (write.Reservations is not null && write.RecordType == holder.Type && write.RecordId == holder.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Applies a checked write to its record's slot (null: the write creates the record); returns the number it
    /// allocated when it created the record, else 0.
    /// </summary>
    private long Apply(AggregateWrite write, RecordSlot? slot)
    {
        var key = (write.Tenant, write.RecordType, write.RecordId);
        long allocated = 0;
        long number = slot?.Current.Number ?? 0;
        if (slot is null)
        {
            // Under the one lock, and after every check of the unit passed: a refused unit takes no number.
            number = allocated = _lastNumbers.GetValueOrDefault((write.Tenant, write.RecordType)) + 1;
            _lastNumbers[(write.Tenant, write.RecordType)] = number;
        }

        // The state as the writer gave it: UTF-8 from the engine (half the size of its string), else the string.
        var record = write.Utf8State is { } utf8
            ? StoredAggregate.WithUtf8State(write.Tenant, write.RecordType, write.RecordId, write.NewVersion, utf8, write.Index, number)
            : new StoredAggregate(write.Tenant, write.RecordType, write.RecordId, write.NewVersion, write.State, write.Index) { Number = number };
        if (slot is null)
        {
            if (!_feeds.TryGetValue(write.Tenant, out var tenantFeed))
            {
                _feeds[write.Tenant] = tenantFeed = [];
            }

            slot = new RecordSlot(record, tenantFeed);
            _records[key] = slot;
            _byNumber[(write.Tenant, write.RecordType, number)] = slot;
        }
        else
        {
            slot.Current = record;
        }

        var next = write.ExpectedVersion;
        for (int i = 0; i < write.AuditEntries.Count; i++)
        {
            var entry = write.AuditEntries[i];
            var stored = entry.Version == ++next ? entry : entry with { Version = next };
            long address = _log.Append(stored);
            slot.History.Add(address);
            slot.Feed.Add(address);
        }

        if (write.Reservations is { } reservations)
        {
            if (reservations.Count == 0)
            {
                _reservations.Remove(key);
            }
            else
            {
                _reservations[key] = [.. reservations];
            }
        }

        return allocated;
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckIdempotencyKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_keys.GetValueOrDefault((tenant, key)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Query, StoreTelemetry.RecordTypeOf(query), (this, tenant, query, cancellationToken), static s => s.Item1.QueryCoreAsync(s.tenant, s.query, s.cancellationToken))
            : QueryCoreAsync(tenant, query, cancellationToken);

    private Task<IReadOnlyList<RecordSummary>> QueryCoreAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IEnumerable<RecordSummary> rows = _records.Values
                .Select(slot => slot.Current)
                .Where(r => r.Tenant == tenant && StoreArguments.Matches(query, r.RecordType, r.Index))
                .OrderBy(r => r.Index.OpenedAt)
                .ThenBy(r => r.RecordType, StringComparer.Ordinal)
                .ThenBy(r => r.RecordId, StringComparer.Ordinal)
                .Select(r => new RecordSummary(r.Tenant, r.RecordType, r.RecordId, r.Version, r.Index) { Number = r.Number });
            if (query.Limit is { } limit)
            {
                rows = rows.Take(limit);
            }

            return Task.FromResult<IReadOnlyList<RecordSummary>>(rows.ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadAudit, null, (this, tenant, period, cancellationToken), static s => s.Item1.ReadAuditCoreAsync(s.tenant, s.period, s.cancellationToken))
            : ReadAuditCoreAsync(tenant, period, cancellationToken);

    private Task<IReadOnlyList<AuditEntry>> ReadAuditCoreAsync(TenantId tenant, Interval period, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_feeds.TryGetValue(tenant, out var feed))
            {
                return Task.FromResult<IReadOnlyList<AuditEntry>>([]);
            }

            // Only the entries in the period are decoded whole.
            return Task.FromResult<IReadOnlyList<AuditEntry>>(feed
                .Where(address => period.Contains(_log.AtOf(address)))
                .Select(_log.Read)
                .OrderBy(e => e.At)
                .ThenBy(e => e.RecordType, StringComparer.Ordinal)
                .ThenBy(e => e.RecordId, StringComparer.Ordinal)
                .ThenBy(e => e.Version)
                .ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadHistory, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.ReadHistoryCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : ReadHistoryCoreAsync(tenant, recordType, recordId, cancellationToken);

    private Task<IReadOnlyList<AuditEntry>> ReadHistoryCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(
                _records.TryGetValue((tenant, recordType, recordId), out var slot) ? ReadAll(slot.History) : []);
        }
    }

    private AuditEntry[] ReadAll(List<long> addresses)
    {
        var entries = new AuditEntry[addresses.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = _log.Read(addresses[i]);
        }

        return entries;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadFeed, null, (this, tenant, after, max, cancellationToken), static s => s.Item1.ReadFeedCoreAsync(s.tenant, s.after, s.max, s.cancellationToken))
            : ReadFeedCoreAsync(tenant, after, max, cancellationToken);

    private Task<IReadOnlyList<FeedEntry>> ReadFeedCoreAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken)
    {
        StoreArguments.CheckFeedRead(tenant, after, max);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_feeds.TryGetValue(tenant, out var feed) || after >= feed.Count)
            {
                return Task.FromResult<IReadOnlyList<FeedEntry>>([]);
            }

            // Feed entries are made when read: the store keeps each audit entry once.
            int from = (int)after;
            var entries = new FeedEntry[Math.Min(max, feed.Count - from)];
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = new FeedEntry(from + i + 1, _log.Read(feed[from + i]));
            }

            return Task.FromResult<IReadOnlyList<FeedEntry>>(entries);
        }
    }

    /// <inheritdoc />
    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.GetValueOrDefault((tenant, consumer)));
        }
    }

    /// <inheritdoc />
    public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Negative(position);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _checkpoints[(tenant, consumer)] = position;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Null(parked);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_parked.TryGetValue((tenant, consumer), out var list))
            {
                _parked[(tenant, consumer)] = list = [];
            }

            list[parked.Position] = parked;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ParkedEvent>>(
                _parked.TryGetValue((tenant, consumer), out var list) ? list.Values.ToArray() : []);
        }
    }

    /// <inheritdoc />
    public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.NegativeOrZero(position);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_parked.TryGetValue((tenant, consumer), out var list) && list.Remove(position));
        }
    }

    /// <summary>A record's current state, its history, and its tenant's feed (shared by the tenant's records): addresses in the audit log.</summary>
    private sealed class RecordSlot(StoredAggregate current, List<long> feed)
    {
        internal StoredAggregate Current { get; set; } = current;

        internal List<long> History { get; } = [];

        internal List<long> Feed { get; } = feed;
    }
}
