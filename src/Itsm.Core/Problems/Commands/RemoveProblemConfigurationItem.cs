using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>Removes a configuration item from a problem.</summary>
/// <remarks>Runs <see cref="Problem.RemoveConfigurationItem"/>; its audit entry's command is <c>RemoveConfigurationItem</c>.</remarks>
/// <param name="ConfigurationItem">The configuration item.</param>
public sealed record RemoveProblemConfigurationItem(ConfigurationItemId ConfigurationItem) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveConfigurationItem";

    internal override void Run(Problem record, Actor actor) => record.RemoveConfigurationItem(actor, ConfigurationItem);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ConfigurationItem.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.ConfigurationItem(ConfigurationItem);
}
