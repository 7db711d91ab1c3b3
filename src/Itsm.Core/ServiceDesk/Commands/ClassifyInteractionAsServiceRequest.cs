using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>Classifies a logged interaction as the service request raised from it.</summary>
/// <remarks>Runs <see cref="Interaction.ClassifyAsServiceRequest"/>; its audit entry's command is <c>ClassifyAsServiceRequest</c>.</remarks>
/// <param name="Request">The service request raised.</param>
public sealed record ClassifyInteractionAsServiceRequest(ServiceRequestId Request) : RecordCommand<Interaction>
{
    /// <inheritdoc/>
    public override string RecordType => Interaction.RecordType;

    /// <inheritdoc/>
    public override string Name => "ClassifyAsServiceRequest";

    internal override void Run(Interaction record, Actor actor) => record.ClassifyAsServiceRequest(actor, Request);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Request.ToString());
}
