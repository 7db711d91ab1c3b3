using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A store that keeps everything in memory, honouring the whole <see cref="IAggregateStore"/>
/// contract (versions, concurrency, tenant isolation, idempotency, an append-only audit log).
/// For tests, samples and hosts that need no durability; it is also the reference the shared
/// contract suite is written against.
/// </summary>
/// <remarks>Thread-safe: every call takes one lock, so saves are serialised and atomic.</remarks>
public sealed class InMemoryAggregateStore : IAggregateStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(TenantId Tenant, string Type, string Id), StoredAggregate> _records = [];
    private readonly Dictionary<(TenantId Tenant, string Type, string Id), List<AuditEntry>> _history = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly Dictionary<(TenantId Tenant, string Key), IdempotencyRecord> _keys = [];

    /// <inheritdoc />
    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((tenant, recordType, recordId)));
        }
    }

    /// <inheritdoc />
    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(write);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (write.Idempotency is { } idempotency && _keys.TryGetValue((write.Tenant, idempotency.Key), out var first))
            {
                return first.Fingerprint == idempotency.Fingerprint
                    ? Task.FromResult(new SaveResult(first.Version, Replayed: true))
                    : throw new IdempotencyConflictException(write.Tenant, idempotency.Key);
            }

            var key = (write.Tenant, write.RecordType, write.RecordId);
            var actual = _records.TryGetValue(key, out var current) ? current.Version : 0;
            if (actual != write.ExpectedVersion)
            {
                throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
            }

            var version = write.NewVersion;
            _records[key] = new StoredAggregate(write.Tenant, write.RecordType, write.RecordId, version, write.State, write.Index);
            if (!_history.TryGetValue(key, out var history))
            {
                _history[key] = history = [];
            }

            var next = write.ExpectedVersion;
            foreach (var entry in write.AuditEntries)
            {
                var stored = entry with { Version = ++next };
                history.Add(stored);
                _audit.Add(stored);
            }

            if (write.Idempotency is { } newKey)
            {
                _keys[(write.Tenant, newKey.Key)] = new IdempotencyRecord(newKey.Key, newKey.Fingerprint, write.RecordType, write.RecordId, version);
            }

            return Task.FromResult(new SaveResult(version, Replayed: false));
        }
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
    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IEnumerable<RecordSummary> rows = _records.Values
                .Where(r => r.Tenant == tenant && StoreArguments.Matches(query, r.RecordType, r.Index))
                .OrderBy(r => r.Index.OpenedAt)
                .ThenBy(r => r.RecordType, StringComparer.Ordinal)
                .ThenBy(r => r.RecordId, StringComparer.Ordinal)
                .Select(r => new RecordSummary(r.Tenant, r.RecordType, r.RecordId, r.Version, r.Index));
            if (query.Limit is { } limit)
            {
                rows = rows.Take(limit);
            }

            return Task.FromResult<IReadOnlyList<RecordSummary>>(rows.ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_audit
                .Where(e => e.Tenant == tenant && period.Contains(e.At))
                .OrderBy(e => e.At)
                .ThenBy(e => e.RecordType, StringComparer.Ordinal)
                .ThenBy(e => e.RecordId, StringComparer.Ordinal)
                .ThenBy(e => e.Version)
                .ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(
                _history.TryGetValue((tenant, recordType, recordId), out var history) ? history.ToArray() : []);
        }
    }
}
