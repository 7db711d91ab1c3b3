using Itsm.Common;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>The interaction lifecycle: a logged contact is classified once, as an incident, a service request or an answer.</summary>
internal sealed record InteractionModel : LifecycleModel<Interaction, InteractionState, InteractionCommand, InteractionModel>
{
    public static InteractionModel Logged() => new() { Current = InteractionState.Logged };

    public override Prediction<Interaction> Predict(RecordCommand<Interaction> command, Actor actor, Instant at) => command switch
    {
        ClassifyInteractionAsIncident => Command(InteractionCommand.ClassifyAsIncident, null),
        ClassifyInteractionAsServiceRequest => Command(InteractionCommand.ClassifyAsServiceRequest, null),
        AnswerInteraction => Command(InteractionCommand.Answer, null),
        _ => Unknown(command),
    };

    protected override InteractionState? Next(InteractionState state, InteractionCommand kind) => (state, kind) switch
    {
        (InteractionState.Logged, InteractionCommand.ClassifyAsIncident) => InteractionState.Incident,
        (InteractionState.Logged, InteractionCommand.ClassifyAsServiceRequest) => InteractionState.ServiceRequest,
        (InteractionState.Logged, InteractionCommand.Answer) => InteractionState.Answered,
        _ => null,
    };
}
