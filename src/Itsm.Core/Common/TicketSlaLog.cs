using System.Collections.Generic;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Common;

/// <summary>
/// A ticket's SLA state (incidents and service requests): the <see cref="SlaLedger"/> as last saved,
/// and the snapshots of the commands run since, which the engine folds into the ledger when it saves.
/// The ticket's whole history is never held: it lives in the audit log.
/// </summary>
internal sealed class TicketSlaLog
{
    private readonly List<TicketChange> _uncommitted = [];

    /// <param name="committed">The ledger as stored; null for a state saved before ledgers existed.</param>
    /// <param name="legacyHistory">The whole history such a state carried, folded into the ledger at the next save.</param>
    internal TicketSlaLog(SlaLedger? committed = null, List<TicketChange>? legacyHistory = null)
    {
        Committed = committed ?? (legacyHistory is null ? SlaLedger.Empty : null);
        if (legacyHistory is not null && committed is null)
        {
            _uncommitted.AddRange(legacyHistory);
        }
    }

    /// <summary>The ledger as last saved; null while a legacy history waits in <see cref="Pending"/>.</summary>
    internal SlaLedger? Committed { get; private set; }

    /// <summary>The snapshots to fold into <see cref="Committed"/> at the next save, in order.</summary>
    internal IReadOnlyList<TicketChange> Pending => _uncommitted;

    /// <summary>The ledger the engine computed for the save in progress; the codec writes it.</summary>
    internal SlaLedger? Prepared { get; set; }

    /// <summary>What the codec stores: the prepared ledger, else the committed one.</summary>
    internal SlaLedger ForSave => Prepared ?? Committed ?? SlaLedger.Empty;

    /// <summary>Takes the snapshot after an accepted command.</summary>
    internal void Append(Instant at, TicketSnapshot snapshot)
    {
        // A loaded ticket usually runs one command before it is saved: room for one, not the list's default four.
        if (_uncommitted.Capacity == 0)
        {
            _uncommitted.Capacity = 1;
        }

        _uncommitted.Add(new TicketChange(at, snapshot));
    }

    /// <summary>
    /// Puts a ledger recomputed from the stored audit log in place of the committed one; the snapshots of
    /// commands not yet saved (which that log does not hold) stay pending, to be folded into it.
    /// </summary>
    internal void Replace(SlaLedger ledger)
    {
        if (Committed is null)
        {
            // A legacy state's history is what the audit log holds: the recomputed ledger has it already.
            _uncommitted.Clear();
        }

        Committed = ledger;
    }

    /// <summary>After a save committed: the prepared ledger becomes the committed one.</summary>
    internal void Accept()
    {
        if (Prepared is not null)
        {
            Committed = Prepared;
            Prepared = null;
        }

        _uncommitted.Clear();
    }
}
