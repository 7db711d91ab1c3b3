using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Services;

namespace Itsm.Engine;

// Checking the service-model ids a command names against the tenant's service model, before it runs.
public sealed partial class AggregateService<TAggregate, TId>
{
    /// <summary>Where the service model commands are checked against comes from; the engine sets its own.</summary>
    internal IServiceModelSource ServiceModels { get; set; } = new OptionsServiceModelSource(null);

    /// <summary>Checks a record after its command ran and before it is saved; the engine sets one for the stored service model (its agreement links), null elsewhere.</summary>
    internal IRecordCheck<TAggregate>? RecordCheck { get; set; }

    /// <summary>
    /// Refuses a command that names a service, offering, configuration item, supplier or group the tenant's
    /// service model does not hold. A command that names none costs no model lookup.
    /// </summary>
    internal ValueTask CheckReferencesAsync(TenantId tenant, ItsmCommand command, CancellationToken cancellationToken) =>
        CheckReferencesAsync(tenant, command, ServiceModelReferences.Of(command), null, cancellationToken);

    /// <summary>As <see cref="CheckReferencesAsync(TenantId, ItsmCommand, CancellationToken)"/>, with what the command path already has.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="command">The command.</param>
    /// <param name="references">The command's references (<see cref="ServiceModelReferences.Of"/>), collected once per command.</param>
    /// <param name="model">What the store returned for the model in the record's own load (<see cref="LoadForCommandAsync"/>), if it was read there.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    private async ValueTask CheckReferencesAsync(TenantId tenant, ItsmCommand command, ServiceModelReferences? references, LoadedRecord? model, CancellationToken cancellationToken)
    {
        await CheckKnowledgeAsync(tenant, command, cancellationToken).ConfigureAwait(false);
        if (references is not null
            && await (model is { } loaded ? ServiceModels.FromAsync(tenant, loaded, cancellationToken) : ServiceModels.GetAsync(tenant, cancellationToken)).ConfigureAwait(false) is { } found)
        {
            references.Check(found, command);
        }
    }

    /// <summary>
    /// Loads the record a command runs on; when the command names service-model ids and the model is stored, reads
    /// the model's version (and its state only if it changed) in the same store call, to be checked after the
    /// authorizer (so the order of refusals is unchanged): one store call per command, not two.
    /// </summary>
    private async ValueTask<(TAggregate? Record, LoadedRecord? Model)> LoadForCommandAsync(TenantId tenant, string recordId, ServiceModelReferences? references, CancellationToken cancellationToken)
    {
        if (references is null || ServiceModels.LoadFor(tenant) is not { } modelLoad)
        {
            return (await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false), null);
        }

        var loaded = await _store.LoadManyAsync(tenant, [new RecordLoad(RecordType, recordId), modelLoad], cancellationToken).ConfigureAwait(false);
        var record = loaded[0].Record is { } stored ? Decode(tenant, stored) : null;
        return (record, loaded[1]);
    }
}
