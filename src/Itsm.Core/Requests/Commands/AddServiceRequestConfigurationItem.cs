using Itsm.Common;
using Itsm.Services;

namespace Itsm.Requests;

/// <summary>Adds a configuration item to a service request.</summary>
/// <remarks>Runs <see cref="ServiceRequest.AddConfigurationItem"/>; its audit entry's command is <c>AddConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record AddServiceRequestConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddConfigurationItem";

    internal override void Run(ServiceRequest record, Actor actor) => record.AddConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
