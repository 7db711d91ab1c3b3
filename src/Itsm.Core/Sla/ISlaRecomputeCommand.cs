using Itsm.Common;

namespace Itsm.Sla;

/// <summary>
/// A command that replaces a ticket's SLA ledger with one recomputed from its audit log: the engine reads
/// the log, replays it, and runs the copy this returns (the object the authorizer saw, with the ledger).
/// </summary>
internal interface ISlaRecomputeCommand<TRecord>
    where TRecord : class
{
    RecordCommand<TRecord> WithLedger(SlaLedger ledger);
}
