using Itsm.Common;
using Itsm.Services;

namespace Itsm.Requests;

/// <summary>Removes a configuration item from a service request.</summary>
/// <remarks>Runs <see cref="ServiceRequest.RemoveConfigurationItem"/>; its audit entry's command is <c>RemoveConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record RemoveServiceRequestConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveConfigurationItem";

    internal override void Run(ServiceRequest record, Actor actor) => record.RemoveConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
