using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Adds an affected configuration item to an incident.</summary>
/// <remarks>Runs <see cref="Incident.AddConfigurationItem"/>; its audit entry's command is <c>AddConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record AddIncidentConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddConfigurationItem";

    internal override void Run(Incident record, Actor actor) => record.AddConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
