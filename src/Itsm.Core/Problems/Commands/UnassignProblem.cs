using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Clears a problem's assignment (group and person); the state does not change.</summary>
/// <remarks>Runs <see cref="Problem.Unassign"/>; its audit entry's command is <c>Unassign</c>.</remarks>
public sealed record UnassignProblem : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Unassign";

    internal override void Run(Problem record, Actor actor) => record.Unassign(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
