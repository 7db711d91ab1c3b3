using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a service from the tenant's stored service model (refused while other parts still refer to it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveService"/>; its audit entry's command is <c>RemoveService</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RemoveService(ServiceId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveService";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveService(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
