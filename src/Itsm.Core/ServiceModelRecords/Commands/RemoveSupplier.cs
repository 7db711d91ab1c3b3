using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Removes a supplier or partner from the tenant's stored service model (refused while other parts still refer to it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RemoveSupplier"/>; its audit entry's command is <c>RemoveSupplier</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RemoveSupplier(SupplierId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RemoveSupplier";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RemoveSupplier(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
