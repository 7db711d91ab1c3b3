using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Moves a change between two custom states of its workflow by the named transition <see cref="Transition"/> (its library state is unchanged).</summary>
/// <remarks>Runs <see cref="Change.TransitionWorkflow"/>; its audit entry's command is <c>TransitionWorkflow</c>.</remarks>
/// <param name="Transition">The transition's name, as the workflow defines it.</param>
public sealed record TransitionChangeWorkflow(string Transition) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "TransitionWorkflow";

    internal override void Run(Change record, Actor actor) => record.TransitionWorkflow(actor, Transition);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Transition);
}
