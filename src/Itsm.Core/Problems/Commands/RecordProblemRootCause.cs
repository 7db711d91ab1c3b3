using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Records a problem's root cause, replacing an earlier one (and the known error's, if there is one).</summary>
/// <remarks>Runs <see cref="Problem.RecordRootCause"/>; its audit entry's command is <c>RecordRootCause</c>.</remarks>
/// <param name="RootCause">The root cause.</param>
public sealed record RecordProblemRootCause(string RootCause) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "RecordRootCause";

    internal override void Run(Problem record, Actor actor) => record.RecordRootCause(actor, RootCause);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(RootCause);
}
