using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Puts a Pipeline service of the tenant's stored service model Live; it must pass its readiness check.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.GoLiveService"/>; its audit entry's command is <c>GoLiveService</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record GoLiveService(ServiceId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "GoLiveService";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.GoLiveService(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
