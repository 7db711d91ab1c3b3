using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Cancels a problem that is not resolved (logged in error, not a problem after all).</summary>
/// <remarks>Runs <see cref="Problem.Cancel"/>; its audit entry's command is <c>Cancel</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record CancelProblem(string Reason) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Cancel";

    internal override void Run(Problem record, Actor actor) => record.Cancel(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
