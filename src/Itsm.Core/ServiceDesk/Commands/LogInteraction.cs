using Itsm.Common;
using NodaTime;

namespace Itsm.ServiceDesk;

/// <summary>Logs a new contact with the service desk in state Logged; the engine's actor is who logs it.</summary>
/// <remarks>Runs <see cref="Interaction.Log"/>; its audit entry's command is <c>Log</c>.</remarks>
/// <param name="Channel">How the contact came in.</param>
/// <param name="CallerId">Who made contact.</param>
/// <param name="ShortDescription">What it is about.</param>
public sealed record LogInteraction(Channel Channel, string CallerId, string ShortDescription) : CreateCommand<Interaction>
{
    /// <inheritdoc/>
    public override string RecordType => Interaction.RecordType;

    /// <inheritdoc/>
    public override string Name => "Log";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Interaction Create(TenantId tenant, InteractionId id, Actor actor, IClock clock) =>
        Interaction.Log(tenant, id, actor, Channel, CallerId, ShortDescription, clock);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add((int)Channel).Add(CallerId).Add(ShortDescription);
}
