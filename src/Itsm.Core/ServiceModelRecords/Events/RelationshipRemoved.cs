using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A relationship between two configuration items was removed from the stored service model.</summary>
/// <remarks>Audit entry: command <c>RemoveRelationship</c>; data keys <c>source</c> (the source item's id) and <c>relationship</c> (JSON: its type's name, its target, and a host-defined type's definition).</remarks>
/// <param name="Source">The configuration item the relationship is from.</param>
/// <param name="Relationship">The relationship.</param>
public sealed record RelationshipRemoved(ConfigurationItemId Source, ConfigurationItemRelationship Relationship) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RemoveRelationship";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("source", Source.Value), ("relationship", ServiceModelJson.Write(Relationship, ServiceModelJson.WriteRelationship)));

    internal static RelationshipRemoved? Read(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("source", out var source) && IdText.IsValid(source) && source.Length <= FieldLimits.Id
        && ServiceModelJson.Read(data, "relationship", static (JsonElement e) => ServiceModelJson.ReadRelationship(e, null)) is { } relationship
            ? new(new ConfigurationItemId(source), relationship)
            : null;
}
