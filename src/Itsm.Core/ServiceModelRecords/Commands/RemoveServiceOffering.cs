using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a service offering from the tenant's stored service model (refused while other parts still refer to it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveServiceOffering"/>; its audit entry's command is <c>RemoveServiceOffering</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RemoveServiceOffering(ServiceOfferingId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveServiceOffering";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveServiceOffering(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
