using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Moves an incident between two custom states of its workflow by the named transition <see cref="Transition"/> (its library state is unchanged).</summary>
/// <remarks>Runs <see cref="Incident.TransitionWorkflow"/>; its audit entry's command is <c>TransitionWorkflow</c>.</remarks>
/// <param name="Transition">The transition's name, as the workflow defines it.</param>
public sealed record TransitionIncidentWorkflow(string Transition) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "TransitionWorkflow";

    internal override void Run(Incident record, Actor actor) => record.TransitionWorkflow(actor, Transition);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Transition);
}
