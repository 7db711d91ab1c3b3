using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Resolves a problem (to resolve the incidents waiting for it too, use <see cref="ProblemResolution.ResolveWithIncidents"/> on loaded records).</summary>
/// <remarks>Runs <see cref="Problem.Resolve"/>; its audit entry's command is <c>Resolve</c>.</remarks>
/// <param name="Code">How it was resolved.</param>
/// <param name="Notes">Resolution notes; required.</param>
public sealed record ResolveProblem(ProblemResolutionCode Code, string Notes) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Resolve";

    internal override void Run(Problem record, Actor actor) => record.Resolve(actor, Code, Notes);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Code.ToString()).Add(Notes);
}
