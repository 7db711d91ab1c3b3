using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Sla;

namespace Itsm.Engine;

/// <summary>
/// The SLA ledger this service last wrote for each recently saved record, with the state text it was
/// written in, so the next load of that very text takes the ledger as it is instead of parsing it again
/// (reading a ledger was about two fifths of a command's time: benchmarks/README.md, issue 18).
/// </summary>
/// <remarks>
/// A hit needs the stored text to equal the text written, byte for byte or character for character (the
/// in-memory store hands back the very UTF-8 bytes it was given; a database an equal string): the ledger is then, by construction, what
/// reading that text gives, and a ledger is never changed once built (advancing one makes a new one), so
/// the record that was saved and the one loaded may share it. Anything else (another writer, a state
/// changed in the database, a recompute through another engine) misses and is read as before. Bounded:
/// past <see cref="MaxRecords"/> records the table starts again, so it holds at most that many states
/// (a few MB) besides what the store holds. Thread-safe; no allocation once a record has an entry.
/// </remarks>
internal sealed class WrittenLedgers
{
    /// <summary>Records remembered at most.</summary>
    internal const int MaxRecords = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<(TenantId Tenant, string RecordId), Entry> _entries = [];

    /// <summary>Remembers the ledger written in <paramref name="state"/>, after the save committed.</summary>
    internal void Remember(TenantId tenant, string recordId, StateText state, SlaLedger ledger)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((tenant, recordId), out var entry))
            {
                entry.State = state;
                entry.Ledger = ledger;
                return;
            }

            if (_entries.Count >= MaxRecords)
            {
                _entries.Clear();
            }

            _entries[(tenant, recordId)] = new Entry { State = state, Ledger = ledger };
        }
    }

    /// <summary>The ledger written in <paramref name="stored"/>'s very state text, if this service wrote it; otherwise null.</summary>
    internal SlaLedger? Find(StoredAggregate stored)
    {
        StateText state;
        SlaLedger ledger;
        lock (_gate)
        {
            if (!_entries.TryGetValue((stored.Tenant, stored.RecordId), out var entry))
            {
                return null;
            }

            (state, ledger) = (entry.State, entry.Ledger);
        }

        return Same(state, stored) ? ledger : null;
    }

    // Text written as UTF-8 (for a store that keeps it) is compared as bytes, a string as a string; a store
    // that gives back the other form than it was given is not one this service writes to that way: a miss.
    private static bool Same(StateText written, StoredAggregate stored)
    {
        if (written.Utf8 is { } utf8)
        {
            return stored.Utf8State is { } bytes && (ReferenceEquals(utf8, bytes) || utf8.AsSpan().SequenceEqual(bytes));
        }

        return stored.Utf8State is null && (ReferenceEquals(written.Text, stored.State) || string.Equals(written.Text, stored.State, StringComparison.Ordinal));
    }

    private sealed class Entry
    {
        internal StateText State = "";
        internal SlaLedger Ledger = SlaLedger.Empty;
    }
}
