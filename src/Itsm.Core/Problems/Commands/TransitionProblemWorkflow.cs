using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Moves a problem between two custom states of its workflow by the named transition <see cref="Transition"/> (its library state is unchanged).</summary>
/// <remarks>Runs <see cref="Problem.TransitionWorkflow"/>; its audit entry's command is <c>TransitionWorkflow</c>.</remarks>
/// <param name="Transition">The transition's name, as the workflow defines it.</param>
public sealed record TransitionProblemWorkflow(string Transition) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "TransitionWorkflow";

    internal override void Run(Problem record, Actor actor) => record.TransitionWorkflow(actor, Transition);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Transition);
}
