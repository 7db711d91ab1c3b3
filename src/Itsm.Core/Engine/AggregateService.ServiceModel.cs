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

    /// <summary>
    /// Refuses a command that names a service, offering, configuration item, supplier or group the tenant's
    /// service model does not hold. A command that names none costs no model lookup.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="model">What the store returned for the model in the record's own load (<see cref="LoadForCommandAsync"/>), if it was read there.</param>
    internal async ValueTask CheckReferencesAsync(TenantId tenant, ItsmCommand command, CancellationToken cancellationToken, LoadedRecord? model = null)
    {
        await CheckKnowledgeAsync(tenant, command, cancellationToken).ConfigureAwait(false);
        if (ServiceModelReferences.Of(command) is { } references
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
    private async ValueTask<(TAggregate? Record, LoadedRecord? Model)> LoadForCommandAsync(TenantId tenant, string recordId, ItsmCommand command, CancellationToken cancellationToken)
    {
        if (ServiceModelReferences.Of(command) is null || ServiceModels.LoadFor(tenant) is not { } modelLoad)
        {
            return (await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false), null);
        }

        var loaded = await _store.LoadManyAsync(tenant, [new RecordLoad(RecordType, recordId), modelLoad], cancellationToken).ConfigureAwait(false);
        var record = loaded[0].Record is { } stored ? Decode(tenant, stored) : null;
        return (record, loaded[1]);
    }
}
