using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>Adds a configuration item to a change before authorisation.</summary>
/// <remarks>Runs <see cref="Change.AddConfigurationItem"/>; its audit entry's command is <c>AddConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record AddChangeConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddConfigurationItem";

    internal override void Run(Change record, Actor actor) => record.AddConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
