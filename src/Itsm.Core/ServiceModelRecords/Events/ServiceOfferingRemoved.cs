using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A service offering was removed from the stored service model.</summary>
/// <remarks>Audit entry: command <c>RemoveServiceOffering</c>; data key <c>id</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record ServiceOfferingRemoved(ServiceOfferingId Id) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RemoveServiceOffering";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("id", Id.Value));

    internal static ServiceOfferingRemoved? Read(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("id", out var id) && IdText.IsValid(id) && id.Length <= FieldLimits.Id ? new(new ServiceOfferingId(id)) : null;
}
