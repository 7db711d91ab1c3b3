using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Starts applying a fix for a problem's recorded root cause.</summary>
/// <remarks>Runs <see cref="Problem.StartFix"/>; its audit entry's command is <c>StartFix</c>.</remarks>
public sealed record StartProblemFix : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "StartFix";

    internal override void Run(Problem record, Actor actor) => record.StartFix(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
