using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Starts the root cause analysis of a problem.</summary>
/// <remarks>Runs <see cref="Problem.StartRootCauseAnalysis"/>; its audit entry's command is <c>StartRootCauseAnalysis</c>.</remarks>
public sealed record StartProblemRootCauseAnalysis : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "StartRootCauseAnalysis";

    internal override void Run(Problem record, Actor actor) => record.StartRootCauseAnalysis(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
