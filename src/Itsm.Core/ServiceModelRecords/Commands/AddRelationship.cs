using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a typed relationship from one configuration item of the tenant's stored service model to another.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddRelationship"/>; its audit entry's command is <c>AddRelationship</c>.</remarks>
/// <param name="Source">The configuration item the relationship is from.</param>
/// <param name="Relationship">The relationship (its type and target).</param>
public sealed record AddRelationship(ConfigurationItemId Source, ConfigurationItemRelationship Relationship) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddRelationship";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddRelationship(actor, Source, Relationship);

    internal override void WriteArguments(CommandArguments arguments) =>
        arguments.Add(Source.Value).Add(ServiceModelJson.Write(Relationship, ServiceModelJson.WriteRelationship));
}
