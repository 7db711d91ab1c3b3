using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Cancels a service request that is not fulfilled, closed or rejected.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Cancel"/>; its audit entry's command is <c>Cancel</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record CancelServiceRequest(string Reason) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Cancel";

    internal override void Run(ServiceRequest record, Actor actor) => record.Cancel(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
