using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Retires a Pipeline or Live service of the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.RetireService"/>; its audit entry's command is <c>RetireService</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record RetireService(ServiceId Id) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "RetireService";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.RetireService(actor, Id);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Id.Value);
}
