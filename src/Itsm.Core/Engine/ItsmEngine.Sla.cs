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
    /// Recomputes an incident's SLA clocks from its audit log with the agreements and calendars the engine has
    /// now, and stores them in place of the clocks folded command by command (after a calendar or agreement edit).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The incident.</param>
    /// <param name="actor">Who recomputes; the authorizer is asked with <see cref="RecomputeSla"/> and the incident loaded.</param>
    /// <param name="reason">Why, for the audit entry (required, at most 4,000 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident with its recomputed clocks, at its new version, and the <c>RecomputeSla</c> entry written.</returns>
    /// <remarks>
    /// The incident's audit log is read through the store and turned into its SLA history by the same projection as
    /// <see cref="Incident.ReplayTicketHistory"/>; the history is replayed with today's agreements and calendars and
    /// the result replaces the incident's SLA state. The recompute is an audited command (<c>RecomputeSla</c>, event
    /// <see cref="Itsm.Sla.SlaRecomputed"/>) because it changes the stored state, and every change is audited: feed
    /// consumers learn that the figures changed. Its state, priority and the SLA view of its history do not change.
    /// It is permitted where an SLA threshold may be recorded: on an open incident. Thresholds already recorded stay
    /// recorded; crossings ordered after the last recorded one are due again at their recomputed instants.
    /// </remarks>
    /// <exception cref="ArgumentException">The tenant, id, actor or reason is missing or too long.</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such incident.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="InvalidTransitionException">The incident is closed or canceled (trigger <c>RecomputeSla</c>).</exception>
    /// <exception cref="ConcurrencyException">The incident changed during the recompute; safe to retry.</exception>
    public Task<CommandResult<Incident>> RecomputeIncidentSlaAsync(TenantId tenant, IncidentId id, Actor actor, string reason, CancellationToken cancellationToken = default) =>
        Incidents.RecomputeSlaAsync(tenant, id, actor, reason, cancellationToken);

    /// <summary>Recomputes a service request's SLA clocks from its audit log; as <see cref="RecomputeIncidentSlaAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The request.</param>
    /// <param name="actor">Who recomputes; the authorizer is asked with <see cref="RecomputeSla"/> and the request loaded.</param>
    /// <param name="reason">Why, for the audit entry (required, at most 4,000 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request with its recomputed clocks, at its new version, and the <c>RecomputeSla</c> entry written.</returns>
    /// <exception cref="ArgumentException">The tenant, id, actor or reason is missing or too long.</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such request.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="InvalidTransitionException">The request is closed, rejected or canceled (trigger <c>RecomputeSla</c>).</exception>
    /// <exception cref="ConcurrencyException">The request changed during the recompute; safe to retry.</exception>
    public Task<CommandResult<ServiceRequest>> RecomputeServiceRequestSlaAsync(TenantId tenant, ServiceRequestId id, Actor actor, string reason, CancellationToken cancellationToken = default) =>
        ServiceRequests.RecomputeSlaAsync(tenant, id, actor, reason, cancellationToken);

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
    /// (each ticket authorized with <see cref="RecomputeSla"/>, as <see cref="RecomputeIncidentSlaAsync"/> does): each ticket's audit log is read through
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
        var incidents = await RecomputeAllAsync(Incidents, tenant, actor, reason, static id => new IncidentId(Guid.Parse(id)), cancellationToken).ConfigureAwait(false);
        var requests = await RecomputeAllAsync(ServiceRequests, tenant, actor, reason, static id => new ServiceRequestId(Guid.Parse(id)), cancellationToken).ConfigureAwait(false);
        return new SlaRecomputeResult(incidents.Done + requests.Done, incidents.Skipped + requests.Skipped);
    }

    private static async Task<(int Done, int Skipped)> RecomputeAllAsync<TAggregate, TId>(AggregateService<TAggregate, TId> service, TenantId tenant, Actor actor, string reason, Func<string, TId> idOf, CancellationToken cancellationToken)
        where TAggregate : class
    {
        var open = await service.QueryAsync(tenant, actor, new RecordQuery { OpenOnly = true }, cancellationToken).ConfigureAwait(false);
        int done = 0, skipped = 0;
        for (int start = 0; start < open.Count; start += RecomputePage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = new List<string>(Math.Min(RecomputePage, open.Count - start));
            for (int i = start; i < open.Count && i < start + RecomputePage; i++)
            {
                ids.Add(open[i].RecordId);
            }

            try
            {
                await service.RecomputeSlaAsync(tenant, ids, actor, reason, cancellationToken).ConfigureAwait(false);
                done += ids.Count;
            }
            catch (Exception ex) when (IsGone(ex))
            {
                // One ticket closed or changed since the listing: the others are recomputed one by one.
                foreach (var id in ids)
                {
                    try
                    {
                        await service.RecomputeSlaAsync(tenant, idOf(id), actor, reason, cancellationToken).ConfigureAwait(false);
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
