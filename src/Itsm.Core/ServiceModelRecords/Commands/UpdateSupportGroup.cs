using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces a support group in the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.UpdateSupportGroup"/>; its audit entry's command is <c>UpdateSupportGroup</c>.</remarks>
/// <param name="SupportGroup">The part.</param>
public sealed record UpdateSupportGroup(SupportGroup SupportGroup) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "UpdateSupportGroup";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.UpdateSupportGroup(actor, SupportGroup);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(SupportGroup, ServiceModelJson.WriteGroup));
}
