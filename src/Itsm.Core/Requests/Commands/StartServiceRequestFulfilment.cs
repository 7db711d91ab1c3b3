using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Starts fulfilment of a service request whose catalog item needs no approval.</summary>
/// <remarks>Runs <see cref="ServiceRequest.StartFulfilment"/>; its audit entry's command is <c>StartFulfilment</c>.</remarks>
public sealed record StartServiceRequestFulfilment : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "StartFulfilment";

    internal override void Run(ServiceRequest record, Actor actor) => record.StartFulfilment(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
