using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;

namespace Itsm.Engine;

// Recomputing tickets' SLA clocks from their audit logs after a calendar or agreement edit.
public sealed partial class ItsmEngine
{
    /// <summary>How many tickets one unit of work of <see cref="RecomputeSlaAsync"/> recomputes.</summary>
    internal const int RecomputePage = 500;

    /// <summary>
    /// Recomputes the SLA clocks of every open incident and service request of a tenant from its audit log
    /// with the agreements and calendars the engine has now (<see cref="ItsmEngineOptions.Agreements"/>,
    /// <see cref="ItsmEngineOptions.Calendars"/>), after a calendar or agreement edit: ServiceNow's "Repair SLAs",
    /// which there is a background job per task, done here page by page.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who recomputes (usually a system actor); must be allowed to list the tickets and to run the recompute on each.</param>
    /// <param name="reason">Why, written to each ticket's audit entry (for example <c>"calendar uk-office: Boxing Day added"</c>).</param>
    /// <param name="cancellationToken">Cancels the call between pages; pages already committed stay.</param>
    /// <returns>How many tickets were recomputed, and how many were skipped because they closed or changed meanwhile.</returns>
    /// <remarks>
    /// <para>The open tickets are listed once (<see cref="AggregateService{TAggregate, TId}.QueryAsync"/>, asked with
    /// <see cref="QueryRecords"/>), then recomputed in units of up to 500 records
    /// (<see cref="AggregateService{TAggregate, TId}.ExecuteAllAsync"/> with <see cref="RecomputeIncidentSla"/> or
    /// <see cref="RecomputeServiceRequestSla"/>, each record authorized): each ticket's audit log is read through
    /// the store, turned into its SLA history, and all the unit's histories replayed together; each ticket gets
    /// one <c>RecomputeSla</c> audit entry and a new version. A unit that fails because a ticket closed, vanished or
    /// changed concurrently is retried ticket by ticket, and those tickets are counted as skipped. Closed tickets
    /// are not recomputed: their figures stay as they were when they closed (run the command on one to change it).</para>
    /// <para>Idempotent in effect: run it again after a failure, and the tickets already recomputed are recomputed again to the same clocks.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The tenant, actor or reason is missing, or the reason is longer than 4,000 characters.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused the listing or the recompute of a ticket.</exception>
    public async Task<SlaRecomputeResult> RecomputeSlaAsync(TenantId tenant, Actor actor, string reason, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        var incidents = await RecomputeAllAsync(Incidents, tenant, actor, new RecomputeIncidentSla(reason), static id => new IncidentId(Guid.Parse(id)), cancellationToken).ConfigureAwait(false);
        var requests = await RecomputeAllAsync(ServiceRequests, tenant, actor, new RecomputeServiceRequestSla(reason), static id => new ServiceRequestId(Guid.Parse(id)), cancellationToken).ConfigureAwait(false);
        return new SlaRecomputeResult(incidents.Done + requests.Done, incidents.Skipped + requests.Skipped);
    }

    private static async Task<(int Done, int Skipped)> RecomputeAllAsync<TAggregate, TId>(AggregateService<TAggregate, TId> service, TenantId tenant, Actor actor, RecordCommand<TAggregate> command, Func<string, TId> idOf, CancellationToken cancellationToken)
        where TAggregate : class
    {
        var open = await service.QueryAsync(tenant, actor, new RecordQuery { OpenOnly = true }, cancellationToken).ConfigureAwait(false);
        int done = 0, skipped = 0;
        for (int start = 0; start < open.Count; start += RecomputePage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = new List<TId>(Math.Min(RecomputePage, open.Count - start));
            for (int i = start; i < open.Count && i < start + RecomputePage; i++)
            {
                ids.Add(idOf(open[i].RecordId));
            }

            try
            {
                await service.ExecuteAllAsync(tenant, ids, actor, command, null, cancellationToken).ConfigureAwait(false);
                done += ids.Count;
            }
            catch (Exception ex) when (IsGone(ex))
            {
                // One ticket closed or changed since the listing: the others are recomputed one by one.
                foreach (var id in ids)
                {
                    try
                    {
                        await service.ExecuteAsync(tenant, id, actor, command, null, cancellationToken).ConfigureAwait(false);
                        done++;
                    }
                    catch (Exception one) when (IsGone(one))
                    {
                        skipped++;
                    }
                }
            }
        }

        return (done, skipped);
    }

    private static bool IsGone(Exception ex) => ex is InvalidTransitionException or ConcurrencyException or AggregateNotFoundException;
}
