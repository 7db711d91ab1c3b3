using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces a service offering in the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.UpdateServiceOffering"/>; its audit entry's command is <c>UpdateServiceOffering</c>.</remarks>
/// <param name="ServiceOffering">The part.</param>
public sealed record UpdateServiceOffering(ServiceOffering ServiceOffering) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "UpdateServiceOffering";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.UpdateServiceOffering(actor, ServiceOffering);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(ServiceOffering, ServiceModelJson.WriteOffering));
}
