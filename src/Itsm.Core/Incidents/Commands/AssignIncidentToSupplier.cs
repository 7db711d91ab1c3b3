using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Assigns an incident to a supplier, or back from one (null); the support group keeps it.</summary>
/// <remarks>Runs <see cref="Incident.AssignToSupplier"/>; its audit entry's command is <c>AssignToSupplier</c>.</remarks>
/// <param name="Supplier">The supplier, or null for none.</param>
public sealed record AssignIncidentToSupplier(SupplierId? Supplier) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "AssignToSupplier";

    internal override void Run(Incident record, Actor actor) => record.AssignToSupplier(actor, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Supplier?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Supplier(Supplier);
}
