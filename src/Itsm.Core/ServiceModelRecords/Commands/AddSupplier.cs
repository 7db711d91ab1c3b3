using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a supplier or partner to the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddSupplier"/>; its audit entry's command is <c>AddSupplier</c>.</remarks>
/// <param name="Supplier">The part.</param>
public sealed record AddSupplier(Supplier Supplier) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddSupplier";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddSupplier(actor, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(Supplier, ServiceModelJson.WriteSupplier));
}
