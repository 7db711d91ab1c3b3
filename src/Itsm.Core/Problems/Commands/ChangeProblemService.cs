using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>Sets a problem's service and offering (either may be none); with a service model, the offering must be one of the service's.</summary>
/// <remarks>Runs <see cref="Problem.ChangeService"/>; its audit entry's command is <c>ChangeService</c>.</remarks>
/// <param name="Service">The service, or null for none.</param>
/// <param name="Offering">The offering, or null for none.</param>
public sealed record ChangeProblemService(ServiceId? Service, ServiceOfferingId? Offering = null) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "ChangeService";

    internal override void Run(Problem record, Actor actor) => record.ChangeService(actor, Service, Offering);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Service?.Value).Add(Offering?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Service(Service).Offering(Offering, Service);
}
