using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>Removes a configuration item from a change before authorisation.</summary>
/// <remarks>Runs <see cref="Change.RemoveConfigurationItem"/>; its audit entry's command is <c>RemoveConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record RemoveChangeConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveConfigurationItem";

    internal override void Run(Change record, Actor actor) => record.RemoveConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
