using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces a service in the tenant's stored service model (by id; the service's status is kept: GoLiveService and RetireService change it).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.UpdateService"/>; its audit entry's command is <c>UpdateService</c>.</remarks>
/// <param name="Service">The part.</param>
public sealed record UpdateService(Service Service) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "UpdateService";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.UpdateService(actor, Service);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(Service, ServiceModelJson.WriteService));
}
