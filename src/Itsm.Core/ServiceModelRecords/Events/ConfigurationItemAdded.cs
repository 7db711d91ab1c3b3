using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A configuration item was added to the stored service model.</summary>
/// <remarks>Audit entry: command <c>AddConfigurationItem</c>; data key <c>configurationItem</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="ConfigurationItem">The part as the model now holds it.</param>
public sealed record ConfigurationItemAdded(ConfigurationItem ConfigurationItem) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddConfigurationItem";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("configurationItem", ServiceModelJson.Write(ConfigurationItem, ServiceModelJson.WriteItem)));

    internal static ConfigurationItemAdded? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "configurationItem", ServiceModelJson.ReadItem) is { } part ? new(part) : null;
}
