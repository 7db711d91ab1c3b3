using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Asks for approval of a service request whose catalog item requires it.</summary>
/// <remarks>Runs <see cref="ServiceRequest.RequestApproval"/>; its audit entry's command is <c>RequestApproval</c>.</remarks>
public sealed record RequestServiceRequestApproval : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "RequestApproval";

    internal override void Run(ServiceRequest record, Actor actor) => record.RequestApproval(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
