using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Moves a service request between two custom states of its workflow by the named transition <see cref="Transition"/> (its library state is unchanged).</summary>
/// <remarks>Runs <see cref="ServiceRequest.TransitionWorkflow"/>; its audit entry's command is <c>TransitionWorkflow</c>.</remarks>
/// <param name="Transition">The transition's name, as the workflow defines it.</param>
public sealed record TransitionServiceRequestWorkflow(string Transition) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "TransitionWorkflow";

    internal override void Run(ServiceRequest record, Actor actor) => record.TransitionWorkflow(actor, Transition);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Transition);
}
