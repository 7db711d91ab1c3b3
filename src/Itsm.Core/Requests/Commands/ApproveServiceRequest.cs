using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Approves a service request awaiting approval, as the engine's actor (not the requester); it moves to fulfilment.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Approve"/>; its audit entry's command is <c>Approve</c>.</remarks>
/// <param name="Comment">An optional comment.</param>
public sealed record ApproveServiceRequest(string? Comment = null) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Approve";

    internal override void Run(ServiceRequest record, Actor actor) => record.Approve(actor, Comment);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Comment);
}
