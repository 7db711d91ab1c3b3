using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces a configuration item in the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.UpdateConfigurationItem"/>; its audit entry's command is <c>UpdateConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The part.</param>
public sealed record UpdateConfigurationItem(ConfigurationItem ConfigurationItem) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "UpdateConfigurationItem";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.UpdateConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(ConfigurationItem, ServiceModelJson.WriteItem));
}
