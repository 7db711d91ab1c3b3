using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Removes a configuration item from an incident.</summary>
/// <remarks>Runs <see cref="Incident.RemoveConfigurationItem"/>; its audit entry's command is <c>RemoveConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record RemoveIncidentConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveConfigurationItem";

    internal override void Run(Incident record, Actor actor) => record.RemoveConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
