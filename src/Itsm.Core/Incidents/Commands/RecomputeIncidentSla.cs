using System;
using Itsm.Common;
using Itsm.Sla;

namespace Itsm.Incidents;

/// <summary>
/// Recomputes an incident's SLA clocks from its audit log with the agreements and calendars the engine has
/// now, and stores them in place of the clocks folded command by command (after a calendar or agreement
/// edit); a system command, the state does not change. Run it through the engine
/// (<c>ItsmEngine.Incidents.ExecuteAsync</c>, or <c>ItsmEngine.RecomputeSlaAsync</c> for every open ticket),
/// which reads the audit log: run on an incident directly, it throws.
/// </summary>
/// <remarks>Its audit entry's command is <c>RecomputeSla</c> and its event <see cref="SlaRecomputed"/>. docs/sla.md ("Recomputing") has the rules.</remarks>
/// <param name="Reason">Why, for the audit log (for example <c>"calendar uk-office edited"</c>); required, at most 4,000 characters.</param>
public sealed record RecomputeIncidentSla(string Reason) : RecordCommand<Incident>, ISlaRecomputeCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => SlaRecomputed.CommandName;

    /// <summary>The ledger the engine recomputed; null until the engine has read the audit log.</summary>
    internal SlaLedger? Ledger { get; init; }

    internal override void Run(Incident record, Actor actor) =>
        record.RecomputeSla(actor, Reason, Ledger ?? throw new InvalidOperationException("RecomputeSla reads the incident's audit log: run it through the engine (ItsmEngine.Incidents.ExecuteAsync)."));

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);

    RecordCommand<Incident> ISlaRecomputeCommand<Incident>.WithLedger(SlaLedger ledger) => this with { Ledger = ledger };
}
