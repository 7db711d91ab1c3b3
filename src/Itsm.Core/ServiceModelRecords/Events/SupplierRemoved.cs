using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A supplier or partner was removed from the stored service model.</summary>
/// <remarks>Audit entry: command <c>RemoveSupplier</c>; data key <c>id</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record SupplierRemoved(SupplierId Id) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RemoveSupplier";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("id", Id.Value));

    internal static SupplierRemoved? Read(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("id", out var id) && IdText.IsValid(id) && id.Length <= FieldLimits.Id ? new(new SupplierId(id)) : null;
}
