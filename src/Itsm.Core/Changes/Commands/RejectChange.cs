using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Rejects a change: the actor is the approver who rejects it; it goes back to New or is canceled, by its rejection policy.</summary>
/// <remarks>Runs <see cref="Change.Reject"/>; its audit entry's command is <c>Reject</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record RejectChange(string Reason) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Reject";

    internal override void Run(Change record, Actor actor) => record.Reject(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
