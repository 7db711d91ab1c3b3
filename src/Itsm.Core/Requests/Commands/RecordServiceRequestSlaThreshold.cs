using Itsm.Common;
using Itsm.Sla;

namespace Itsm.Requests;

/// <summary>Records that one of the request's SLA clocks crossed a threshold (a system command; the state does not change).</summary>
/// <remarks>Runs <see cref="ServiceRequest.RecordSlaThreshold"/>; its audit entry's command is <c>SlaThreshold</c> and its event the <see cref="SlaThresholdReached"/> given.</remarks>
/// <param name="Threshold">The threshold crossed (<c>ItsmEngine.PendingSlaThresholds</c> lists them).</param>
public sealed record RecordServiceRequestSlaThreshold(SlaThresholdReached Threshold) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => SlaThresholdReached.CommandName;

    internal override void Run(ServiceRequest record, Actor actor) => record.RecordSlaThreshold(actor, Threshold);

    internal override void WriteArguments(CommandArguments arguments) => SlaThresholdArguments.Write(arguments, Threshold);
}
