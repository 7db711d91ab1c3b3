using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>Assigns a problem to a supplier, or back from one (null); the support group keeps it.</summary>
/// <remarks>Runs <see cref="Problem.AssignToSupplier"/>; its audit entry's command is <c>AssignToSupplier</c>.</remarks>
/// <param name="Supplier">The supplier, or null for none.</param>
public sealed record AssignProblemToSupplier(SupplierId? Supplier) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "AssignToSupplier";

    internal override void Run(Problem record, Actor actor) => record.AssignToSupplier(actor, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Supplier?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Supplier(Supplier);
}
