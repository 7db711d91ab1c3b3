using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a service to the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddService"/>; its audit entry's command is <c>AddService</c>.</remarks>
/// <param name="Service">The part.</param>
public sealed record AddService(Service Service) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddService";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddService(actor, Service);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(Service, ServiceModelJson.WriteService));
}
