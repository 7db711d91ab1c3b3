using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>Sets a change's service and offering (either may be none) before authorisation; with a service model, the offering must be one of the service's.</summary>
/// <remarks>Runs <see cref="Change.ChangeService"/>; its audit entry's command is <c>ChangeService</c>.</remarks>
/// <param name="Service">The service, or null for none.</param>
/// <param name="Offering">The offering, or null for none.</param>
public sealed record ChangeChangeService(ServiceId? Service, ServiceOfferingId? Offering = null) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "ChangeService";

    internal override void Run(Change record, Actor actor) => record.ChangeService(actor, Service, Offering);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Service?.Value).Add(Offering?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.Service(Service).Offering(Offering, Service);
}
