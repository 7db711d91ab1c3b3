using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces a supplier or partner in the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.UpdateSupplier"/>; its audit entry's command is <c>UpdateSupplier</c>.</remarks>
/// <param name="Supplier">The part.</param>
public sealed record UpdateSupplier(Supplier Supplier) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "UpdateSupplier";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.UpdateSupplier(actor, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(Supplier, ServiceModelJson.WriteSupplier));
}
