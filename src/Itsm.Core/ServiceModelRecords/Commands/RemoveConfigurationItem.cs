using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a configuration item from the tenant's stored service model (refused while other parts still refer to it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveConfigurationItem"/>; its audit entry's command is <c>RemoveConfigurationItem</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RemoveConfigurationItem(ConfigurationItemId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveConfigurationItem";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveConfigurationItem(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
