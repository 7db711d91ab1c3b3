using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;

namespace Itsm.ProcessMining;

/// <summary>
/// Writes a tenant's audit log as an OCEL 2.0 object-centric event log in the standard's JSON format
/// (ocel-standard.org), which pm4py (<c>pm4py.read_ocel2_json</c>), ProM and Celonis read.
/// </summary>
/// <remarks>
/// <para>Each audit entry becomes exactly one OCEL event. Its type is the name of the entry's typed event
/// (<see cref="AuditEntry.Event"/>), for example <c>IncidentResolved</c> or <c>ChangeScheduled</c>; an entry
/// no event type of this version reads (<see cref="UnrecognizedEvent"/>) gets its record type and command,
/// for example <c>IncidentHandover</c>. Its id is <c>{record type}:{record id}:{version}</c>, its time the
/// entry's instant, and its attributes the actor, the command, the states before and after, the version and
/// every key of the entry's data, as text.</para>
/// <para>Each record is an object, of the record's type (<c>Incident</c>, <c>Problem</c>, <c>Change</c>,
/// <c>ServiceRequest</c>, <c>Interaction</c>, <c>ImprovementItem</c>), with id <c>{record type}:{record id}</c>
/// and its attributes over time: its state after every entry that changed it, and where the audit records
/// them its priority, impact, urgency, assignment group, assignee and service, among others. Every event
/// relates to its record (qualifier <c>record</c>) and to the records it links (a problem, a causing change, a
/// parent incident, the incident an interaction raised, ...); the links in effect at the end of the log are
/// object-to-object relationships. A record that entries link to but whose own entries are not exported is
/// still an object (with no attributes), so every relationship names an object of the log.
/// docs/process-mining.md lists the whole mapping.</para>
/// <para>The output is streamed with <see cref="System.Text.Json.Utf8JsonWriter"/>: events are written as the
/// entries arrive; the objects are gathered in memory (one per record, so bounded by the number of records)
/// and written at the end, after the <c>eventTypes</c> and <c>objectTypes</c> declarations. If the export
/// fails or is canceled part-way, the stream holds an incomplete document; write to a temporary file and
/// move it into place when the call returns. The stream is flushed but neither closed nor disposed.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var file = File.Create("acme.ocel.json");
/// var summary = await OcelExporter.WriteFeedAsync(engine, new TenantId("acme"), analyst, file);
/// // Python: ocel = pm4py.read_ocel2_json("acme.ocel.json")
/// </code>
/// </example>
public static class OcelExporter
{
    /// <summary>The number of feed entries <see cref="WriteFeedAsync"/> reads per call to the engine unless told otherwise.</summary>
    public const int DefaultPageSize = 1_000;

    /// <summary>Writes audit entries, all of one tenant, as an OCEL 2.0 JSON log.</summary>
    /// <param name="entries">
    /// The entries, in any order: for example <see cref="ItsmEngine.ReadAuditAsync"/>'s result for a period, or
    /// a store's history of some records. Each (record, version) at most once.
    /// </param>
    /// <param name="output">The stream to write the UTF-8 JSON to; it must be writable.</param>
    /// <param name="cancellationToken">Cancels the export between entries and while writing.</param>
    /// <returns>How many events and objects the log holds.</returns>
    /// <remarks>No entries give a valid, empty log: four empty arrays.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or <paramref name="output"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="output"/> cannot be written to; or, found while writing, an entry is null, the entries belong
    /// to more than one tenant, or the same version of a record is given twice.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task<OcelExportSummary> WriteAsync(IEnumerable<AuditEntry> entries, Stream output, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(entries);
        CheckOutput(output);
        var writer = new OcelLogWriter(output);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Add(entry, nameof(entries));
                await writer.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }

            return await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes a tenant's whole event feed, from its first position to the last one committed when the export
    /// reaches it, as an OCEL 2.0 JSON log, reading it page by page through the engine on behalf of an actor.
    /// </summary>
    /// <param name="engine">The engine; each page is read with <see cref="ItsmEngine.ReadFeedAsync"/>, so its authorizer decides.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who exports (the authorizer is asked about every page).</param>
    /// <param name="output">The stream to write the UTF-8 JSON to; it must be writable.</param>
    /// <param name="pageSize">The most entries read per call: 1 to <see cref="StoreArguments.MaxFeedRead"/>.</param>
    /// <param name="cancellationToken">Cancels the export between pages, between entries and while writing.</param>
    /// <returns>How many events and objects the log holds.</returns>
    /// <remarks>
    /// The events are in feed (commit) order. The first page is read before anything is written, so a refused
    /// read leaves <paramref name="output"/> untouched. Entries committed while the export runs are included up
    /// to the first page that comes back short of <paramref name="pageSize"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/>, <paramref name="actor"/> or <paramref name="output"/> is null.</exception>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or <paramref name="output"/> cannot be written to.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed to let <paramref name="actor"/> read the feed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task<OcelExportSummary> WriteFeedAsync(ItsmEngine engine, TenantId tenant, Actor actor, Stream output, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(engine);
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        CheckOutput(output);
        Guard.Against.OutOfRange(pageSize, nameof(pageSize), 1, StoreArguments.MaxFeedRead);
        var page = await engine.ReadFeedAsync(tenant, actor, 0, pageSize, cancellationToken).ConfigureAwait(false);
        var writer = new OcelLogWriter(output);
        await using (writer.ConfigureAwait(false))
        {
            while (true)
            {
                foreach (var item in page)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Add(item.Entry, nameof(engine));
                    await writer.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                }

                if (page.Count < pageSize)
                {
                    return await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
                }

                page = await engine.ReadFeedAsync(tenant, actor, page[^1].Position, pageSize, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void CheckOutput(Stream output)
    {
        Guard.Against.Null(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream cannot be written to.", nameof(output));
        }
    }
}
