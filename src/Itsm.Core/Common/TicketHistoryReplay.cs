using System;
using System.Linq;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Sla;

namespace Itsm.Common;

/// <summary>
/// Rebuilds a ticket's SLA view of its history (one <see cref="TicketChange"/> per audit entry whose
/// snapshot differs from the one before) by folding its audit entries through a projection of the
/// fields a snapshot holds.
/// </summary>
internal static class TicketHistoryReplay
{
    internal static IReadOnlyList<TicketChange> Replay<TFields>(
        IEnumerable<AuditEntry> auditEntries,
        string recordType,
        Func<AuditEntry, TFields> open,
        Func<TFields, AuditEntry, TFields> apply,
        Func<TFields, TicketSnapshot> snapshot,
        string paramName)
    {
        Guard.Against.Null(auditEntries, paramName);
        var changes = new List<TicketChange>();
        TFields fields = default!;
        string? recordId = null;
        long version = 0;
        var at = NodaTime.Instant.MinValue;
        foreach (var entry in auditEntries)
        {
            if (entry is null)
            {
                throw new ArgumentException("An audit entry is null.", paramName);
            }

            if (!string.Equals(entry.RecordType, recordType, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The entries must be a {recordType}'s; version {entry.Version} is a {Text(entry.RecordType)}'s.", paramName);
            }

            if (recordId is not null && !string.Equals(entry.RecordId, recordId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The entries must be one record's: {Text(recordId)} and {Text(entry.RecordId)} are mixed.", paramName);
            }

            if (entry.Version != version + 1)
            {
                throw new ArgumentException($"The entries must be the record's whole audit log in order, from version 1; version {entry.Version} follows {version}.", paramName);
            }

            fields = version == 0 ? open(entry) : apply(fields, entry);
            recordId = entry.RecordId;
            version = entry.Version;

            // An entry earlier than the one before (the engine's clock set back) counts at the one
            // before's instant, as the ticket's SLA ledger counted it: the tracker needs time order.
            at = entry.At > at ? entry.At : at;
            var next = snapshot(fields);
            if (changes.Count == 0 || !SameValue(changes[^1].Snapshot, next))
            {
                changes.Add(new TicketChange(at, next));
            }
        }

        return changes;
    }

    internal static bool SameValue(TicketSnapshot a, TicketSnapshot b)
    {
        if (a.State != b.State || a.Priority != b.Priority || a.OnHoldReason != b.OnHoldReason || a.Service != b.Service
            || a.Offering != b.Offering || a.AssignmentGroup != b.AssignmentGroup || a.Supplier != b.Supplier
            || a.Attributes.Count != b.Attributes.Count || !a.ConfigurationItems.SequenceEqual(b.ConfigurationItems))
        {
            return false;
        }

        foreach (var attribute in a.Attributes)
        {
            if (!b.Attributes.TryGetValue(attribute.Key, out var value) || !string.Equals(value, attribute.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Text(string value) => IdText.Quote(value);
}
