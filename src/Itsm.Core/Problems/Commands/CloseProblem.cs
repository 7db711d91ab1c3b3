using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Closes a resolved problem.</summary>
/// <remarks>Runs <see cref="Problem.Close"/>; its audit entry's command is <c>Close</c>.</remarks>
public sealed record CloseProblem : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Close";

    internal override void Run(Problem record, Actor actor) => record.Close(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
