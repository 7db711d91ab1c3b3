using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.ServiceModelRecords;

/// <summary>Creates the tenant's stored service model, empty or from <paramref name="Initial"/>; the record's id is <see cref="ServiceModelRecordId.Only"/>.</summary>
/// <remarks>Runs <see cref="ServiceModelRecord.Create"/>; its audit entry's command is <c>Create</c>.</remarks>
/// <param name="Initial">The model to start from (built with a <see cref="ServiceModelBuilder"/>), or <see langword="null"/> for an empty one.</param>
public sealed record CreateServiceModel(ServiceModel? Initial = null) : CreateCommand<ServiceModelRecord>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceModelRecord.RecordType;

    /// <inheritdoc/>
    public override string Name => "Create";

    /// <summary>Creates the record: the engine passes its key, the actor and its clock.</summary>
    internal ServiceModelRecord Create(TenantId tenant, Actor actor, IClock clock) => ServiceModelRecord.Create(tenant, actor, clock, Initial);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Initial is null ? null : ServiceModelJson.WriteModel(Initial));
}
