using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>Assigns a change to a supplier that implements it, or back from one (null), before authorisation.</summary>
/// <remarks>Runs <see cref="Change.AssignToSupplier"/>; its audit entry's command is <c>AssignToSupplier</c>.</remarks>
/// <param name="Supplier">The supplier, or null for none.</param>
public sealed record AssignChangeToSupplier(SupplierId? Supplier) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "AssignToSupplier";

    internal override void Run(Change record, Actor actor) => record.AssignToSupplier(actor, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Supplier?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Supplier(Supplier);
}
