using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

// Saving records a host loaded (or created) and commanded itself: one, or many in one unit of work.
public sealed partial class AggregateService<TAggregate, TId>
{
    /// <summary>
    /// Saves a record the caller loaded (or created) and commanded itself, on behalf of an actor: its new
    /// state and its uncommitted audit entries, with the version it was loaded at. For a host's own batch
    /// work; <see cref="ExecuteAsync(TenantId, TId, Actor, RecordCommand{TAggregate}, CommandOptions?, CancellationToken)"/>
    /// runs one command end to end.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="actor">On whose behalf it is saved.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The save's outcome; a record with no uncommitted entries is not written and keeps its version.</returns>
    /// <remarks>
    /// The commands already ran on the caller's copy, so the authorizer is asked about what they did: a
    /// <see cref="SaveRecord"/> with the typed events the save would commit, the record in
    /// <see cref="ItsmResource.Record"/>. It is asked before anything is written, even when there is nothing
    /// to write.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="actor"/> is null.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed; nothing was written.</exception>
    /// <exception cref="ConcurrencyException">The record changed since it was loaded, or (when new) already exists.</exception>
    public async Task<SaveResult> SaveAsync(TAggregate record, Actor actor, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(record);
        Guard.Against.Null(actor);
        await AuthorizeSaveAsync(record, actor, cancellationToken).ConfigureAwait(false);
        if (_codec.UncommittedOf(record).Count == 0)
        {
            return new SaveResult(_codec.VersionOf(record), Replayed: false);
        }

        var (result, committed, _) = await WriteAsync(record, null, cancellationToken).ConfigureAwait(false);
        SetNumber(record, result.Numbers);
        await PublishAsync(committed, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Saves records the caller loaded (or created) and commanded itself, all of one tenant, in one atomic
    /// unit of work: every record's new state and uncommitted audit entries commit together, or nothing
    /// does. For a host's batch work, such as importing ticket history (one transaction and one disk
    /// flush per batch instead of per record).
    /// </summary>
    /// <param name="records">The records, at most <see cref="UnitOfWork.MaxWrites"/>, each once; records without uncommitted entries are skipped.</param>
    /// <param name="actor">On whose behalf they are saved.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The committed records with their new versions, and their audit entries (empty when nothing needed writing).</returns>
    /// <remarks>The authorizer is asked about each record as <see cref="SaveAsync"/> asks, all before anything is written.</remarks>
    /// <exception cref="ArgumentException"><paramref name="records"/> is null, empty, holds a null, a record twice, records of several tenants, or more than <see cref="UnitOfWork.MaxWrites"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for a record; nothing was written.</exception>
    /// <exception cref="ConcurrencyException">A record changed since it was loaded, or a new one already exists; nothing was written.</exception>
    public async Task<UnitOfWorkResult> SaveAllAsync(IReadOnlyList<TAggregate> records, Actor actor, CancellationToken cancellationToken = default)
    {
        if (records is null || records.Count == 0)
        {
            throw new ArgumentException("Give at least one record.", nameof(records));
        }

        if (records.Count > UnitOfWork.MaxWrites)
        {
            throw new ArgumentException($"At most {UnitOfWork.MaxWrites} records can be saved in one unit of work.", nameof(records));
        }

        Guard.Against.Null(actor);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record is null)
            {
                throw new ArgumentException("A record is null.", nameof(records));
            }

            if (_codec.TenantOf(record) != _codec.TenantOf(records[0]))
            {
                throw new ArgumentException($"Every record must be of one tenant; '{_codec.TenantOf(records[0])}' and '{_codec.TenantOf(record)}' differ.", nameof(records));
            }

            if (!seen.Add(_codec.IdOf(record)))
            {
                throw new ArgumentException($"{RecordType} '{Itsm.Text.QuotedText.Of(_codec.IdOf(record))}' is listed more than once.", nameof(records));
            }

            await AuthorizeSaveAsync(record, actor, cancellationToken).ConfigureAwait(false);
        }

        var unit = new PendingUnit();
        foreach (var record in records)
        {
            unit.Add(this, record);
        }

        return await unit.CommitAsync(_store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the authorizer about saving a record the caller commanded: a <see cref="SaveRecord"/> with the typed events the save would commit.</summary>
    private ValueTask AuthorizeSaveAsync(TAggregate record, Actor actor, CancellationToken cancellationToken)
    {
        var entries = _codec.UncommittedOf(record);
        var events = new DomainEvent[entries.Count];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = entries[i].Event;
        }

        var resource = new ItsmResource(_codec.TenantOf(record), RecordType, _codec.IdOf(record), record);
        return _authorizer.AuthorizeAsync(actor, new SaveRecord(events), resource, cancellationToken);
    }
}
