using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a relationship between two configuration items of the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveRelationship"/>; its audit entry's command is <c>RemoveRelationship</c>.</remarks>
/// <param name="Source">The configuration item the relationship is from.</param>
/// <param name="Relationship">The relationship (its type and target).</param>
public sealed record RemoveRelationship(ConfigurationItemId Source, ConfigurationItemRelationship Relationship) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveRelationship";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveRelationship(actor, Source, Relationship);

    internal override void WriteArguments(CommandArguments arguments) =>
        arguments.Add(Source.Value).Add(ServiceModelJson.Write(Relationship, ServiceModelJson.WriteRelationship));
}
