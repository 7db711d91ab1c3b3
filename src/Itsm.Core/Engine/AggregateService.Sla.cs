using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Sla;

namespace Itsm.Engine;

// Recomputing tickets' SLA clocks from their audit logs (incidents and service requests).
public sealed partial class AggregateService<TAggregate, TId>
{
    /// <summary>Recomputes one ticket's SLA clocks from its audit log and saves them with a <c>RecomputeSla</c> audit entry.</summary>
    internal async Task<CommandResult<TAggregate>> RecomputeSlaAsync(TenantId tenant, TId id, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var records = await RecomputedAsync(tenant, [CheckKey(tenant, id)], actor, reason, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(tenant, records[0], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recomputes several tickets' SLA clocks, all saved in one unit of work or none.</summary>
    internal async Task<UnitOfWorkResult> RecomputeSlaAsync(TenantId tenant, IReadOnlyList<string> recordIds, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var records = await RecomputedAsync(tenant, recordIds, actor, reason, cancellationToken).ConfigureAwait(false);
        var unit = new PendingUnit();
        foreach (var record in records)
        {
            unit.Add(this, record);
        }

        return await unit.CommitAsync(_store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads each ticket and asks the authorizer about <see cref="RecomputeSla"/> on it, reads each audit log
    /// through the store and projects it into the ticket's SLA history, rebuilds all the ledgers together
    /// (<see cref="SlaRecompute"/>) with the agreements and calendars in force, and runs the recompute on each.
    /// </summary>
    private async Task<List<TAggregate>> RecomputedAsync(TenantId tenant, IReadOnlyList<string> recordIds, Actor actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        var projection = _codec.SlaProjection
            ?? throw new InvalidOperationException($"{RecordType} records have no SLA clocks to recompute.");
        var operation = new RecomputeSla(reason);
        var records = new List<TAggregate>(recordIds.Count);
        var histories = new IReadOnlyList<TicketChange>[recordIds.Count];
        var recorded = new SlaThresholdReached?[recordIds.Count];
        for (int i = 0; i < recordIds.Count; i++)
        {
            var record = await LoadAsync(tenant, recordIds[i], cancellationToken).ConfigureAwait(false)
                ?? throw new AggregateNotFoundException(tenant, RecordType, recordIds[i]);
            await _authorizer.AuthorizeAsync(actor, operation, new ItsmResource(tenant, RecordType, recordIds[i], record), cancellationToken).ConfigureAwait(false);

            // A command committed after the load shows here too; the save then fails on the version, as it should.
            var entries = await _store.ReadHistoryAsync(tenant, RecordType, recordIds[i], cancellationToken).ConfigureAwait(false);
            histories[i] = projection.Replay(entries, "auditEntries");
            recorded[i] = _codec.LastSlaThresholdOf(record);
            records.Add(record);
        }

        var ledgers = _sla.Recompute(histories, recorded);
        for (int i = 0; i < ledgers.Length; i++)
        {
            _codec.RecomputeSla(records[i], actor, reason, ledgers[i]);
        }

        return records;
    }
}
