using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Cancels a change (permitted up to implementation, not in review).</summary>
/// <remarks>Runs <see cref="Change.Cancel"/>; its audit entry's command is <c>Cancel</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record CancelChange(string Reason) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Cancel";

    internal override void Run(Change record, Actor actor) => record.Cancel(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
