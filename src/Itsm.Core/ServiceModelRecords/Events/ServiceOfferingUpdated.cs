using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A service offering was replaced in the stored service model.</summary>
/// <remarks>Audit entry: command <c>UpdateServiceOffering</c>; data key <c>offering</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="ServiceOffering">The part as the model now holds it.</param>
public sealed record ServiceOfferingUpdated(ServiceOffering ServiceOffering) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "UpdateServiceOffering";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("offering", ServiceModelJson.Write(ServiceOffering, ServiceModelJson.WriteOffering)));

    internal static ServiceOfferingUpdated? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "offering", ServiceModelJson.ReadOffering) is { } part ? new(part) : null;
}
