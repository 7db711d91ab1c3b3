using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Starts assessing a new problem.</summary>
/// <remarks>Runs <see cref="Problem.Assess"/>; its audit entry's command is <c>Assess</c>.</remarks>
public sealed record AssessProblem : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assess";

    internal override void Run(Problem record, Actor actor) => record.Assess(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
