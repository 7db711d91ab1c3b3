using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Sla;

namespace Itsm.Engine;

// The commit of a commanded record: its write (state, index with the SLA due instant, reservations, entries),
// the save, and what a committed save gives back (stored entries, the record's ticket number).
public sealed partial class AggregateService<TAggregate, TId>
{
    private async ValueTask<CommandResult<TAggregate>> CommitAsync(TenantId tenant, TAggregate record, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var (result, events, index) = await WriteAsync(record, key, cancellationToken).ConfigureAwait(false);
        if (result.Replayed)
        {
            // A concurrent run with the same key committed first, and its result stands. The record to
            // return is the one the key names, not this run's: a create retried with a fresh id loses the
            // race on an id that was never written.
            var first = await _store.FindIdempotencyKeyAsync(tenant, key!.Value.Key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The store replayed idempotency key '{Itsm.Text.QuotedText.Of(key.Value.Key)}' of tenant '{tenant}' but does not find it.");
            var current = await LoadAsync(tenant, first.RecordId, cancellationToken).ConfigureAwait(false)
                ?? throw new AggregateNotFoundException(tenant, RecordType, first.RecordId);
            return new CommandResult<TAggregate>(current, first.Version, Replayed: true, []);
        }

        SetNumber(record, result.Numbers);
        await PublishAsync(events, cancellationToken).ConfigureAwait(false);
        return new CommandResult<TAggregate>(record, result.Version, Replayed: false, events) { Index = index };
    }

    private async ValueTask<(SaveResult Result, IReadOnlyList<AuditEntry> Events, RecordIndex Index)> WriteAsync(TAggregate record, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var (write, index) = Prepare(record, key);
        var ledger = _codec.SlaLogOf(record)?.Prepared;
        var result = await _store.SaveAsync(write, cancellationToken).ConfigureAwait(false);
        if (result.Replayed)
        {
            return (result, [], index);
        }

        if (ledger is not null)
        {
            _ledgers.Remember(write.Tenant, write.RecordId, write.Utf8State is { } utf8 ? StateText.FromUtf8(utf8) : write.State, ledger);
        }

        return (result, Accept(record, write), index);
    }

    /// <summary>The write of a commanded record: its state, index (with the SLA due instant), reservations and uncommitted entries.</summary>
    internal (AggregateWrite Write, RecordIndex Index) Prepare(TAggregate record, IdempotencyKey? key)
    {
        var entries = _codec.UncommittedOf(record);
        var expected = _codec.VersionOf(record) - entries.Count;
        // A ticket's SLA ledger takes the snapshots of the commands run since it was loaded; it is
        // written with the state, and becomes the record's own once the save commits (Accept).
        SlaLedger? ledger = null;
        var lastThreshold = _codec.LastSlaThresholdOf(record);
        if (_codec.SlaLogOf(record) is { } log)
        {
            ledger = _sla.Advance(log, lastThreshold);
            log.Prepared = ledger;
        }

        // Due for the worker: the first SLA threshold not yet recorded (past or forecast), or the
        // auto-close instant, whichever is earlier. A closed record is due for nothing: the due instant is
        // found before the index (which says whether the record is open) so that an open record's index
        // is built once, and dropped again for the rare closed record commanded.
        var slaDue = ledger is null ? null : _sla.NextDue(ledger, lastThreshold);
        if (_codec.OtherDueOf(record, _sla.Calendars) is { } other && (slaDue is null || other < slaDue))
        {
            slaDue = other;
        }

        var index = _codec.IndexOf(record, slaDue);
        if (!index.IsOpen && index.SlaDueAt is not null)
        {
            index = index with { SlaDueAt = null };
        }

        // A store that keeps state as UTF-8 gets the bytes the codec writes, never the string (issue 18).
        var write = _store is IKeepsUtf8State
            ? AggregateWrite.WithUtf8State(_codec.TenantOf(record), RecordType, _codec.IdOf(record), expected, _codec.SerializeUtf8(record), index, entries, key, _codec.ReservationsOf(record))
            : new AggregateWrite(
                _codec.TenantOf(record),
                RecordType,
                _codec.IdOf(record),
                expected,
                _codec.Serialize(record),
                index,
                entries,
                key,
                _codec.ReservationsOf(record));
        return (write, index);
    }

    /// <summary>After <paramref name="write"/> committed: the entries as stored (with their versions), and the record's entries accepted.</summary>
    internal IReadOnlyList<AuditEntry> Accept(TAggregate record, AggregateWrite write)
    {
        var events = new AuditEntry[write.AuditEntries.Count];
        for (int i = 0; i < events.Length; i++)
        {
            // An aggregate numbers its entries already: an entry (immutable) is copied only when its version differs.
            var entry = write.AuditEntries[i];
            long version = write.ExpectedVersion + i + 1;
            events[i] = entry.Version == version ? entry : entry with { Version = version };
        }

        _codec.AcceptAuditEntries(record);
        return events;
    }

    /// <summary>Gives a record the number its creating save allocated (the first of <paramref name="numbers"/>, when any).</summary>
    internal void SetNumber(TAggregate record, IReadOnlyList<long> numbers, int write = 0)
    {
        // Record types without a ticket prefix (the stored service model) keep no number, though stores allocate one.
        if (write < numbers.Count && numbers[write] > 0 && _prefix is not null)
        {
            _codec.SetNumber(record, TicketNumbering.Format(_prefix, _numbering.Digits, numbers[write]));
        }
    }
}
