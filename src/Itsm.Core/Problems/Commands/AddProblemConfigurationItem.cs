using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>Adds a configuration item to a problem.</summary>
/// <remarks>Runs <see cref="Problem.AddConfigurationItem"/>; its audit entry's command is <c>AddConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record AddProblemConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddConfigurationItem";

    internal override void Run(Problem record, Actor actor) => record.AddConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
