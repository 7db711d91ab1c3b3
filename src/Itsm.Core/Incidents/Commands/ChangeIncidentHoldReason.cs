using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Changes why an incident on hold waits; it stays on hold.</summary>
/// <remarks>Runs <see cref="Incident.ChangeHoldReason"/>; its audit entry's command is <c>ChangeHoldReason</c>.</remarks>
/// <param name="Reason">The new reason.</param>
/// <param name="Comment">A comment; required when the new reason is awaiting the caller.</param>
public sealed record ChangeIncidentHoldReason(OnHoldReason Reason, string? Comment = null) : RecordCommand<Incident>
{
    /// <summary>The supplier the incident now waits for, only with <see cref="OnHoldReason.AwaitingVendor"/>; null for none.</summary>
    public SupplierId? Supplier { get; init; }

    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "ChangeHoldReason";

    internal override void Run(Incident record, Actor actor) => record.ChangeHoldReason(actor, Reason, Comment, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason.ToString()).Add(Comment).AddLater(Supplier?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Supplier(Supplier);
}
