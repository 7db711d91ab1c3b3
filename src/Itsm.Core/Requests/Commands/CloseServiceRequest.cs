using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Closes a fulfilled service request.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Close"/>; its audit entry's command is <c>Close</c>.</remarks>
public sealed record CloseServiceRequest : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Close";

    internal override void Run(ServiceRequest record, Actor actor) => record.Close(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
