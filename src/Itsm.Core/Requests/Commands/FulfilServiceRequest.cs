using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Records that a service request in fulfilment was fulfilled.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Fulfil"/>; its audit entry's command is <c>Fulfil</c>.</remarks>
/// <param name="Notes">What was done.</param>
public sealed record FulfilServiceRequest(string Notes) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Fulfil";

    internal override void Run(ServiceRequest record, Actor actor) => record.Fulfil(actor, Notes);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Notes);
}
