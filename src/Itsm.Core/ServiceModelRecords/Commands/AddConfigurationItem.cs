using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a configuration item to the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddConfigurationItem"/>; its audit entry's command is <c>AddConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The part.</param>
public sealed record AddConfigurationItem(ConfigurationItem ConfigurationItem) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddConfigurationItem";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(ConfigurationItem, ServiceModelJson.WriteItem));
}
