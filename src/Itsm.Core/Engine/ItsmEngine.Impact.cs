using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;

namespace Itsm.Engine;

// What a ticket affects, read with the tenant's service model.
public sealed partial class ItsmEngine
{
    /// <summary>
    /// What an incident affects: the services and offerings an outage of its configuration items reaches through the
    /// tenant's service model, with the incident's own service among them
    /// (<see cref="ServiceModel.ImpactOfTicket"/>). The model is the tenant's stored one (<see cref="ServiceModels"/>),
    /// else <see cref="ItsmEngineOptions.ServiceModel"/>: the model the engine checks commands against, as it stands now.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The incident.</param>
    /// <param name="actor">Who reads; authorized as reading the incident (<see cref="ReadRecord"/>), which is what the impact is of.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The impact (every list sorted ordinally; the incident's items the model no longer holds are left out), or
    /// <see langword="null"/> when the tenant has no service model at all.
    /// </returns>
    /// <exception cref="System.ArgumentException">The tenant, id or actor is missing.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such incident.</exception>
    /// <exception cref="CorruptRecordException">The incident's or the stored model's state cannot be read.</exception>
    public async Task<ImpactAnalysis?> ImpactOfIncidentAsync(TenantId tenant, IncidentId id, Actor actor, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(actor);
        var incident = await Incidents.GetAsync(tenant, id, actor, cancellationToken).ConfigureAwait(false);
        var model = await Incidents.ServiceModels.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        return model?.ImpactOfTicket(incident.ConfigurationItems, incident.Service);
    }
}
