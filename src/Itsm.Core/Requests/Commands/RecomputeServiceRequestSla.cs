using System;
using Itsm.Common;
using Itsm.Sla;

namespace Itsm.Requests;

/// <summary>
/// Recomputes a service request's SLA clocks from its audit log with the agreements and calendars the engine has
/// now, and stores them in place of the clocks folded command by command (after a calendar or agreement
/// edit); a system command, the state does not change. Run it through the engine
/// (<c>ItsmEngine.ServiceRequests.ExecuteAsync</c>, or <c>ItsmEngine.RecomputeSlaAsync</c> for every open ticket),
/// which reads the audit log: run on a request directly, it throws.
/// </summary>
/// <remarks>Its audit entry's command is <c>RecomputeSla</c> and its event <see cref="SlaRecomputed"/>. docs/sla.md ("Recomputing") has the rules.</remarks>
/// <param name="Reason">Why, for the audit log (for example <c>"calendar uk-office edited"</c>); required, at most 4,000 characters.</param>
public sealed record RecomputeServiceRequestSla(string Reason) : RecordCommand<ServiceRequest>, ISlaRecomputeCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => SlaRecomputed.CommandName;

    /// <summary>The ledger the engine recomputed; null until the engine has read the audit log.</summary>
    internal SlaLedger? Ledger { get; init; }

    internal override void Run(ServiceRequest record, Actor actor) =>
        record.RecomputeSla(actor, Reason, Ledger ?? throw new InvalidOperationException("RecomputeSla reads the request's audit log: run it through the engine (ItsmEngine.ServiceRequests.ExecuteAsync)."));

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);

    RecordCommand<ServiceRequest> ISlaRecomputeCommand<ServiceRequest>.WithLedger(SlaLedger ledger) => this with { Ledger = ledger };
}
