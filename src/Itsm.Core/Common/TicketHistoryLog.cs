using System;
using System.Collections.Generic;
using System.Linq;
using Stateless;
using NodaTime;

namespace Itsm.Common;

/// <summary>
/// The SLA view of a record's history (incidents and service requests): after every accepted
/// command, the record's snapshot at the entry's instant, unless it equals the last one by value.
/// </summary>
internal sealed class TicketHistoryLog
{
    private readonly List<Itsm.Sla.TicketChange> _changes;

    internal TicketHistoryLog(List<Itsm.Sla.TicketChange>? changes = null)
    {
        _changes = changes ?? [];
        View = _changes.AsReadOnly();
    }

    internal IReadOnlyList<Itsm.Sla.TicketChange> View { get; }

    internal void Append(Instant at, Itsm.Sla.TicketSnapshot snapshot)
    {
        if (_changes.Count > 0 && SameValue(_changes[^1].Snapshot, snapshot))
        {
            return;
        }

        _changes.Add(new Itsm.Sla.TicketChange(at, snapshot));
    }

    internal static bool SameValue(Itsm.Sla.TicketSnapshot a, Itsm.Sla.TicketSnapshot b)
    {
        if (a.State != b.State || a.Priority != b.Priority || a.OnHoldReason != b.OnHoldReason || a.Service != b.Service
            || a.Offering != b.Offering || a.AssignmentGroup != b.AssignmentGroup || a.Supplier != b.Supplier
            || a.Attributes.Count != b.Attributes.Count)
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
}
