using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A supplier or partner was replaced in the stored service model.</summary>
/// <remarks>Audit entry: command <c>UpdateSupplier</c>; data key <c>supplier</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="Supplier">The part as the model now holds it.</param>
public sealed record SupplierUpdated(Supplier Supplier) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "UpdateSupplier";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("supplier", ServiceModelJson.Write(Supplier, ServiceModelJson.WriteSupplier)));

    internal static SupplierUpdated? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "supplier", ServiceModelJson.ReadSupplier) is { } part ? new(part) : null;
}
