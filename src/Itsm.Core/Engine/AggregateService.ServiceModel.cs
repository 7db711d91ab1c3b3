using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

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
    internal async ValueTask CheckReferencesAsync(TenantId tenant, ItsmCommand command, CancellationToken cancellationToken)
    {
        await CheckKnowledgeAsync(tenant, command, cancellationToken).ConfigureAwait(false);
        if (Itsm.Services.ServiceModelReferences.Of(command) is { } references
            && await ServiceModels.GetAsync(tenant, cancellationToken).ConfigureAwait(false) is { } model)
        {
            references.Check(model, command);
        }
    }
}
