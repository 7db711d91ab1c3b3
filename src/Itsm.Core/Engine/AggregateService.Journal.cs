using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Journal;
using Itsm.Persistence;

namespace Itsm.Engine;

// A ticket's journal, read from its audit log with the entries the actor may see (docs/journal.md).
public sealed partial class AggregateService<TAggregate, TId>
{
    /// <summary>
    /// Reads a ticket's journal on behalf of an actor: its work notes, comments and time-worked entries, oldest first,
    /// without the internal ones (work notes, time worked) unless the actor may read them.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket's id.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The entries, by version; empty when the ticket does not exist or its journal is (for the actor) empty, and
    /// always for record types without a journal (interactions, improvement items, the service model).
    /// </returns>
    /// <remarks>
    /// The record is loaded first and the authorizer asked with <see cref="ReadJournal"/>, the record in
    /// <see cref="ItsmResource.Record"/>; then, when the journal holds an internal entry, with <see cref="ReadWorkNotes"/>
    /// on the same resource: a denial leaves the internal entries out (a caller sees the comments alone). The journal is
    /// read from the audit log, so the read's cost grows with the ticket's history, as <see cref="ReadHistoryAsync"/>'s does.
    /// </remarks>
    /// <exception cref="System.ArgumentException">The tenant, id or actor is missing.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused <see cref="ReadJournal"/>, or failed.</exception>
    /// <exception cref="CorruptRecordException">The record's stored state cannot be read.</exception>
    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(TenantId tenant, TId id, Actor actor, CancellationToken cancellationToken = default)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        var record = await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false);
        var resource = new ItsmResource(tenant, RecordType, recordId, record);
        await _authorizer.AuthorizeAsync(actor, new ReadJournal(), resource, cancellationToken).ConfigureAwait(false);
        if (!JournalEvents.IsTicket(RecordType))
        {
            return [];
        }

        var history = await _store.ReadHistoryAsync(tenant, RecordType, recordId, cancellationToken).ConfigureAwait(false);
        var journal = new List<JournalEntry>();
        bool? mayReadWorkNotes = null;
        foreach (var entry in history)
        {
            if (JournalEntry.From(entry) is not { } read)
            {
                continue;
            }

            if (read.IsInternal)
            {
                mayReadWorkNotes ??= await _authorizer.MayReadWorkNotesAsync(actor, resource, cancellationToken).ConfigureAwait(false);
                if (!mayReadWorkNotes.Value)
                {
                    continue;
                }
            }

            journal.Add(read);
        }

        return journal;
    }
}
