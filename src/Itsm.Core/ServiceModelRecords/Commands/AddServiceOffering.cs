using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Adds a service offering to the tenant's stored service model.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.AddServiceOffering"/>; its audit entry's command is <c>AddServiceOffering</c>.</remarks>
/// <param name="ServiceOffering">The part.</param>
public sealed record AddServiceOffering(ServiceOffering ServiceOffering) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddServiceOffering";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.AddServiceOffering(actor, ServiceOffering);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.Write(ServiceOffering, ServiceModelJson.WriteOffering));
}
