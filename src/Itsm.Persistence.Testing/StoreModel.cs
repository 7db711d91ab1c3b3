using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Persistence.Testing;

/// <summary>
/// The contract's own model of a store: what every store must answer, written as plainly as
/// possible (no locks, no indexes). It is the oracle of the model-based property.
/// </summary>
/// <remarks>
/// A save first looks at its idempotency key (a stored key with the same fingerprint is a replay,
/// with another fingerprint a conflict), then at the version; only then does it write.
/// </remarks>
internal sealed class StoreModel
{
    private readonly Dictionary<(TenantId, string, string), StoredAggregate> _records = [];
    private readonly Dictionary<(TenantId, string, string), List<AuditEntry>> _history = [];
    private readonly Dictionary<(TenantId, string), IdempotencyRecord> _keys = [];
    private readonly Dictionary<(TenantId, string), long> _lastNumbers = [];

    /// <summary>What a save answered.</summary>
    /// <param name="Kind">"saved", "replayed", "concurrency" or "idempotency-conflict".</param>
    /// <param name="Version">The version (saved, replayed) or the expected version (concurrency).</param>
    /// <param name="Actual">The actual version (concurrency).</param>
    public sealed record Outcome(string Kind, long Version, long Actual = 0);

    /// <summary>Saves.</summary>
    /// <param name="write">The write.</param>
    /// <returns>What the store must answer.</returns>
    public Outcome Save(AggregateWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Idempotency is { } key && _keys.TryGetValue((write.Tenant, key.Key), out var first))
        {
            return string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal)
                ? new Outcome("replayed", first.Version)
                : new Outcome("idempotency-conflict", 0);
        }

        var id = (write.Tenant, write.RecordType, write.RecordId);
        long actual = _records.TryGetValue(id, out var current) ? current.Version : 0;
        if (actual != write.ExpectedVersion)
        {
            return new Outcome("concurrency", write.ExpectedVersion, actual);
        }

        long version = write.ExpectedVersion;
        if (!_history.TryGetValue(id, out var history))
        {
            _history[id] = history = [];
        }

        foreach (var entry in write.AuditEntries)
        {
            history.Add(entry with { Version = ++version, Data = new Dictionary<string, string>(entry.Data) });
        }

        // Numbers count per tenant and type, from 1, and a record keeps the one its creation got.
        var number = current?.Number ?? (_lastNumbers[(write.Tenant, write.RecordType)] = _lastNumbers.GetValueOrDefault((write.Tenant, write.RecordType)) + 1);
        _records[id] = new StoredAggregate(write.Tenant, write.RecordType, write.RecordId, version, write.State, write.Index) { Number = number };
        if (write.Idempotency is { } newKey)
        {
            _keys[(write.Tenant, newKey.Key)] = new IdempotencyRecord(newKey.Key, newKey.Fingerprint, write.RecordType, write.RecordId, version);
        }

        return new Outcome("saved", version);
    }

    /// <summary>Loads.</summary>
    public StoredAggregate? Load(TenantId tenant, string recordType, string recordId) =>
        _records.GetValueOrDefault((tenant, recordType, recordId));

    /// <summary>The version of a record, 0 when absent.</summary>
    public long VersionOf(TenantId tenant, string recordType, string recordId) => Load(tenant, recordType, recordId)?.Version ?? 0;

    /// <summary>A record's history in version order.</summary>
    public IReadOnlyList<AuditEntry> History(TenantId tenant, string recordType, string recordId) =>
        _history.TryGetValue((tenant, recordType, recordId), out var history) ? history : [];

    /// <summary>The tenant's entries in [start, end), by time, type, id and version.</summary>
    public IReadOnlyList<AuditEntry> Audit(TenantId tenant, NodaTime.Instant start, NodaTime.Instant end) =>
        _history.Where(h => h.Key.Item1 == tenant)
            .SelectMany(h => h.Value)
            .Where(e => e.At >= start && e.At < end)
            .OrderBy(e => e.At)
            .ThenBy(e => e.RecordType, StringComparer.Ordinal)
            .ThenBy(e => e.RecordId, StringComparer.Ordinal)
            .ThenBy(e => e.Version)
            .ToArray();

    /// <summary>A key of a tenant.</summary>
    public IdempotencyRecord? FindKey(TenantId tenant, string key) => _keys.GetValueOrDefault((tenant, key));

    /// <summary>A query, written out filter by filter.</summary>
    public IReadOnlyList<RecordSummary> Query(TenantId tenant, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<RecordSummary>();
        foreach (var record in _records.Values)
        {
            var index = record.Index;
            if (record.Tenant != tenant)
            {
                continue;
            }

            if (query.RecordType is not null && !string.Equals(query.RecordType, record.RecordType, StringComparison.Ordinal))
            {
                continue;
            }

            if (query.State is not null && !string.Equals(query.State, index.State, StringComparison.Ordinal))
            {
                continue;
            }

            if (query.Service is not null && !string.Equals(query.Service, index.Service, StringComparison.Ordinal))
            {
                continue;
            }

            if (query.AssignmentGroup is not null && !string.Equals(query.AssignmentGroup, index.AssignmentGroup, StringComparison.Ordinal))
            {
                continue;
            }

            if (query.OpenOnly && !index.IsOpen)
            {
                continue;
            }

            if ((query.WithSlaDueOnly || query.SlaDueBefore is not null) && index.SlaDueAt is null)
            {
                continue;
            }

            if (query.SlaDueBefore is { } before && !(index.SlaDueAt < before))
            {
                continue;
            }

            rows.Add(new RecordSummary(record.Tenant, record.RecordType, record.RecordId, record.Version, index) { Number = record.Number });
        }

        rows.Sort((x, y) =>
        {
            int c = x.Index.OpenedAt.CompareTo(y.Index.OpenedAt);
            c = c != 0 ? c : string.CompareOrdinal(x.RecordType, y.RecordType);
            return c != 0 ? c : string.CompareOrdinal(x.RecordId, y.RecordId);
        });
        return query.Limit is { } limit && rows.Count > limit ? rows.GetRange(0, limit) : rows;
    }
}
