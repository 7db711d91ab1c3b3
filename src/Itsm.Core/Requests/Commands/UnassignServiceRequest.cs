using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Clears a service request's assignment (group and person); the state does not change.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Unassign"/>; its audit entry's command is <c>Unassign</c>.</remarks>
public sealed record UnassignServiceRequest : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Unassign";

    internal override void Run(ServiceRequest record, Actor actor) => record.Unassign(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
