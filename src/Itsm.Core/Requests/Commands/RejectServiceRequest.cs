using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Rejects a service request awaiting approval, as the engine's actor (not the requester).</summary>
/// <remarks>Runs <see cref="ServiceRequest.Reject"/>; its audit entry's command is <c>Reject</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record RejectServiceRequest(string Reason) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Reject";

    internal override void Run(ServiceRequest record, Actor actor) => record.Reject(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
