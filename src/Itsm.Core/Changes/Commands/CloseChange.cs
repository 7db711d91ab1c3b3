using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Closes a reviewed change with the review's outcome.</summary>
/// <remarks>Runs <see cref="Change.Close"/>; its audit entry's command is <c>Close</c>.</remarks>
/// <param name="Outcome">The review's outcome.</param>
/// <param name="Notes">Review notes, if any.</param>
public sealed record CloseChange(ChangeReviewOutcome Outcome, string? Notes = null) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Close";

    internal override void Run(Change record, Actor actor) => record.Close(actor, Outcome, Notes);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Outcome.ToString()).Add(Notes);
}
