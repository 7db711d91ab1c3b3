using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a support group from the tenant's stored service model (refused while other parts still refer to it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveSupportGroup"/>; its audit entry's command is <c>RemoveSupportGroup</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RemoveSupportGroup(SupportGroupId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveSupportGroup";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveSupportGroup(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
