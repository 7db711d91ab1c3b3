using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>Replaces the tenant's stored service model as a whole (an import from a CMDB, for example).</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.Replace"/>; its audit entry's command is <c>Replace</c>.</remarks>
/// <param name="Model">The new model (built, so valid).</param>
public sealed record ReplaceServiceModel(ServiceModel Model) : RecordCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "Replace";

    internal override void Run(ServiceModelRecord record, Actor actor) => record.Replace(actor, Model);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ServiceModelJson.WriteModel(Model));
}
