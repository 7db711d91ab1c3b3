using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Services;

namespace Itsm.Engine;

/// <summary>Where the engine finds the service model a tenant's commands are checked against.</summary>
internal interface IServiceModelSource
{
    /// <summary>The tenant's service model, or null when it has none (then nothing is checked).</summary>
    ValueTask<ServiceModel?> GetAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>
    /// The store read that finds the tenant's model, to run in the same <see cref="IAggregateStore.LoadManyAsync"/> call as the
    /// record's own load; null when the model does not come from the store.
    /// </summary>
    RecordLoad? LoadFor(TenantId tenant);

    /// <summary>The tenant's service model from what the store returned for <see cref="LoadFor"/>.</summary>
    ValueTask<ServiceModel?> FromAsync(TenantId tenant, LoadedRecord loaded, CancellationToken cancellationToken);
}
