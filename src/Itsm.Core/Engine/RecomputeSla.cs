using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Recomputing one ticket's SLA clocks from its audit log (<see cref="ItsmEngine.RecomputeIncidentSlaAsync"/>,
/// <see cref="ItsmEngine.RecomputeServiceRequestSlaAsync"/>, and each ticket of <see cref="ItsmEngine.RecomputeSlaAsync"/>).
/// The authorizer is asked with the ticket loaded in <see cref="ItsmResource.Record"/>, as for a command; the
/// recompute is written as an audited command (<c>RecomputeSla</c>, event <see cref="Itsm.Sla.SlaRecomputed"/>).
/// </summary>
/// <param name="Reason">Why, as the audit entry will record it.</param>
public sealed record RecomputeSla(string Reason) : ItsmOperation
{
    /// <summary><c>"RecomputeSla"</c>, the command name of its audit entry.</summary>
    public override string Name => Itsm.Sla.SlaRecomputed.CommandName;
}
