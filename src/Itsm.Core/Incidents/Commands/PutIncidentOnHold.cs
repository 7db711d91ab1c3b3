using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Puts an incident on hold.</summary>
/// <remarks>Runs <see cref="Incident.PutOnHold"/>; its audit entry's command is <c>PutOnHold</c>.</remarks>
/// <param name="Reason">Why.</param>
/// <param name="Comment">A comment; required when awaiting the caller.</param>
public sealed record PutIncidentOnHold(OnHoldReason Reason, string? Comment = null) : RecordCommand<Incident>
{
    /// <summary>The supplier the incident waits for, only with <see cref="OnHoldReason.AwaitingVendor"/>; its underpinning contract runs while the incident waits.</summary>
    public SupplierId? Supplier { get; init; }

    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "PutOnHold";

    internal override void Run(Incident record, Actor actor) => record.PutOnHold(actor, Reason, Comment, Supplier);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason.ToString()).Add(Comment).AddLater(Supplier?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Supplier(Supplier);
}
