using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a support group to the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddSupportGroup"/>; its audit entry's command is <c>AddSupportGroup</c>.</remarks>
/// <param name="SupportGroup">The part.</param>
public sealed record AddSupportGroup(SupportGroup SupportGroup) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddSupportGroup";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddSupportGroup(actor, SupportGroup);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(SupportGroup, ServiceModelJson.WriteGroup));
}
