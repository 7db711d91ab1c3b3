using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Workflows;

namespace Itsm.Import;

/// <summary>
/// Imports an existing incident history (a CSV file described by an <see cref="ImportMapping"/>) into
/// an engine's store: each ticket's rows are replayed in order on a new incident, every command at the
/// row's original instant by the row's original actor, and the tickets whose whole history was accepted
/// are stored in batches, one atomic unit per batch.
/// </summary>
/// <remarks>
/// <para>A ticket with a refused event (a command the lifecycle refuses, or a row that cannot be read) is
/// reported with the refusal's category and row and never stored, not even in part; the others are.</para>
/// <para>Re-importing is idempotent: each ticket's id is derived from the tenant, the mapping's name and the
/// ticket key (<see cref="IncidentIdFor"/>), and tickets already stored are skipped and counted as such. An
/// import that was cancelled or failed can therefore simply be run again.</para>
/// <para>The importer holds the mapped columns of the whole file in memory (the rows of a ticket may be anywhere
/// in the file), a few hundred bytes per row. It is thread-safe; each call is independent.</para>
/// <para>When the engine's <c>ItsmEngineOptions.Workflows</c> holds an incident workflow for the tenant, the tickets are
/// opened under it (as the engine opens new incidents) and a status whose rule names a <c>workflowState</c> moves the
/// ticket to that custom state by a named transition, each in its own audit entry carrying <c>workflowState</c>
/// (<see cref="ImportMapping.Bpic2013Workflow"/> is the one of the BPI Challenge 2013 mapping). Without one, the import
/// runs the library lifecycle alone and ignores the rules' custom states.</para>
/// </remarks>
public sealed class IncidentHistoryImporter
{
    private readonly ItsmEngine _engine;
    private readonly IncidentHistoryImportOptions _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="engine">The engine whose store receives the tickets and whose authorizer is asked for each read and save.</param>
    /// <param name="mapping">How the file's rows map to incidents.</param>
    /// <param name="options">Batch size and lifecycle choice; <see langword="null"/> for <see cref="IncidentHistoryImportOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="mapping"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not between 1 and <see cref="UnitOfWork.MaxWrites"/>.</exception>
    public IncidentHistoryImporter(ItsmEngine engine, ImportMapping mapping, IncidentHistoryImportOptions? options = null)
    {
        _engine = Guard.Against.Null(engine);
        Mapping = Guard.Against.Null(mapping);
        _options = options ?? IncidentHistoryImportOptions.Default;
        Guard.Against.OutOfRange(_options.BatchSize, nameof(options), 1, UnitOfWork.MaxWrites, $"The batch size must be between 1 and {UnitOfWork.MaxWrites}.");
    }

    /// <summary>The mapping.</summary>
    public ImportMapping Mapping { get; }

    /// <summary>
    /// The id a ticket gets when imported: a name-based UUID (version 5) of the tenant, the mapping's name
    /// and the ticket key, so a host finds an imported ticket by its source key.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="mappingName">The mapping's <see cref="ImportMapping.Name"/>.</param>
    /// <param name="ticketKey">The ticket's key in the source, as in the file (trimmed).</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException">An argument is missing, blank, or holds a control character.</exception>
    public static IncidentId IncidentIdFor(TenantId tenant, string mappingName, string ticketKey)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        IdText.Check(Guard.Against.NullOrWhiteSpace(mappingName), nameof(mappingName));
        IdText.Check(Guard.Against.NullOrWhiteSpace(ticketKey), nameof(ticketKey));
        return new IncidentId(ImportIds.IncidentId(tenant.Value, mappingName, ticketKey));
    }

    /// <summary>Imports a history file.</summary>
    /// <param name="tenant">The tenant the tickets belong to.</param>
    /// <param name="importer">Who imports: the engine's authorizer is asked on this actor's behalf for each read and save (the audit entries carry the source's actors).</param>
    /// <param name="csv">The file, UTF-8 (or with a UTF-16 byte order mark), with a header row; read to its end, not closed.</param>
    /// <param name="progress">Receives progress reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the import between tickets; batches already stored stay stored.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The tenant or actor is missing.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ImportMappingException">The engine's incident workflow for the tenant lacks a custom state the mapping's states name, or has it inside another library state; nothing was imported.</exception>
    /// <exception cref="InvalidDataException">The file has no header, lacks a column the mapping requires (all are named), or is not valid CSV; nothing was imported.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused a read or a save.</exception>
    public async Task<ImportReport> ImportAsync(TenantId tenant, Actor importer, Stream csv, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(importer);
        Guard.Against.Null(csv);

        // The tickets run the workflow the tenant's records run, or they could not be loaded once stored.
        var workflow = _engine.Options.Workflows.For(tenant, Incident.RecordType) as Workflow<IncidentState, IncidentCommand>;
        if (workflow is not null)
        {
            var errors = new List<string>();
            Mapping.Spec.CheckWorkflow(workflow, errors);
            if (errors.Count > 0)
            {
                throw new ImportMappingException(errors, nameof(tenant));
            }
        }

        var file = await HistoryFileReader.ReadAsync(
            csv, Mapping.Spec, rows => progress?.Report(new ImportProgress(ImportPhase.Reading, rows, 0, 0, 0, 0, 0)), cancellationToken).ConfigureAwait(false);
        var tenantOptions = _engine.Options.IncidentOptionsFor(tenant);
        var incidentOptions = _options.UseEngineLifecycle ? tenantOptions : Mapping.Lifecycle.ApplyTo(tenantOptions);
        var run = new Run(this, tenant, importer, file, progress);
        var replay = new TicketReplay(file.Mapping);
        var batch = new List<Incident>(_options.BatchSize);
        run.Report(ImportPhase.Importing);

        // Each full batch is stored on another thread while the next one is replayed here: a batch's transaction
        // and the replay of the next take about as long as each other, so on two cores the import takes about as
        // long as the longer of the two. One batch is stored at a time, in file order, so records get the same
        // numbers and feed positions as when stored one after the other.
        Task? storing = null;
        try
        {
            foreach (var ticket in file.Tickets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IdText.IsValid(ticket.Key))
                {
                    // A damaged file (a quoted key spanning lines) must not stop the import: the key cannot be an id, so the ticket is refused.
                    string column = file.Mapping.ColumnOf(file.Mapping.TicketKey);
                    run.Refusals.Add(new ImportRefusal(ImportText.Quote(ticket.Key), $"bad-value:{column}", ticket.Rows[0].Number, $"Row {ticket.Rows[0].Number}: the {column} '{ImportText.Quote(ticket.Key)}' holds a control character or an unpaired surrogate."));
                    continue;
                }

                var id = IncidentIdFor(tenant, Mapping.Name, ticket.Key);
                if (await _engine.Incidents.FindAsync(tenant, id, importer, cancellationToken).ConfigureAwait(false) is not null)
                {
                    run.CountAlreadyImported(1);
                    continue;
                }

                var (incident, refusal, closedEdits) = replay.Replay(ticket, tenant, id, incidentOptions, workflow);
                if (refusal is not null)
                {
                    run.Refusals.Add(refusal);
                    continue;
                }

                run.CountClosedEdits(ticket.Key, closedEdits);

                batch.Add(incident!);
                if (batch.Count == _options.BatchSize)
                {
                    if (storing is not null)
                    {
                        await storing.ConfigureAwait(false);
                        run.Report(ImportPhase.Importing);
                    }

                    var full = batch;
                    batch = new List<Incident>(_options.BatchSize);
                    storing = Task.Run(() => run.SaveAsync(full, cancellationToken), CancellationToken.None);
                }
            }

            if (storing is not null)
            {
                var stored = storing;
                storing = null;
                await stored.ConfigureAwait(false);
                run.Report(ImportPhase.Importing);
            }

            if (batch.Count > 0)
            {
                await run.SaveAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Cancelled or failed while a batch was being stored: the import ends only once that batch has ended
            // (stored whole, or not at all). The error that stopped the loop is the one reported.
            if (storing is not null)
            {
                try
                {
                    await storing.ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop's own exception is already on its way out; the batch's outcome is in the store.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }

        run.Report(ImportPhase.Done);
        return run.ToReport();
    }

    /// <summary>The counters of one import and how it stores a batch.</summary>
    private sealed class Run(IncidentHistoryImporter owner, TenantId tenant, Actor importer, HistoryFileReader.Result file, IProgress<ImportProgress>? progress)
    {
        private int _alreadyImported;

        // Written by the batch being stored, read here once it is: the await between them orders the two.
        internal int Accepted { get; private set; }

        // Counted here (a ticket found stored) and by the batch being stored (one stored meanwhile by another import).
        internal int AlreadyImported => Volatile.Read(ref _alreadyImported);

        internal long Commands { get; private set; }

        internal void CountAlreadyImported(int tickets) => Interlocked.Add(ref _alreadyImported, tickets);

        internal List<ImportRefusal> Refusals { get; } = [];

        private long _ignoredEdits;
        private int _ticketsWithIgnoredEdits;
        private string? _ignoredEditsExample;
        private long _carriedEdits;

        /// <summary>Counts an accepted ticket's edits after close: those dropped (the first such ticket is the example) and those carried to a reopen.</summary>
        internal void CountClosedEdits(string ticketKey, ClosedEditCounts counts)
        {
            _carriedEdits += counts.Carried;
            if (counts.Ignored > 0)
            {
                _ignoredEdits += counts.Ignored;
                _ticketsWithIgnoredEdits++;
                _ignoredEditsExample ??= ticketKey;
            }
        }

        internal void Report(ImportPhase phase) =>
            progress?.Report(new ImportProgress(phase, file.Rows, file.Tickets.Count, Accepted + AlreadyImported + Refusals.Count, Accepted, AlreadyImported, Refusals.Count));

        /// <summary>Stores the batch in one unit and empties it. Another import of the same tickets may have stored some meanwhile: those are skipped and the rest stored.</summary>
        internal async Task SaveAsync(List<Incident> batch, CancellationToken cancellationToken)
        {
            try
            {
                await owner._engine.Incidents.SaveAllAsync(batch, importer, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyException)
            {
                var fresh = new List<Incident>(batch.Count);
                foreach (var incident in batch)
                {
                    if (await owner._engine.Incidents.FindAsync(tenant, incident.Id, importer, cancellationToken).ConfigureAwait(false) is null)
                    {
                        fresh.Add(incident);
                    }
                }

                CountAlreadyImported(batch.Count - fresh.Count);
                batch.Clear();
                batch.AddRange(fresh);
                if (batch.Count > 0)
                {
                    await owner._engine.Incidents.SaveAllAsync(batch, importer, cancellationToken).ConfigureAwait(false);
                }
            }

            Accepted += batch.Count;
            foreach (var incident in batch)
            {
                Commands += incident.Version;
            }

            batch.Clear();
        }

        internal ImportReport ToReport()
        {
            var categories = Refusals
                .GroupBy(r => r.Category, StringComparer.Ordinal)
                .Select(g => new ImportRefusalCategory(g.Key, g.Count(), g.First()))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Category, StringComparer.Ordinal)
                .ToArray();
            return new ImportReport(owner.Mapping.Name, file.Tickets.Count, Accepted, AlreadyImported, file.Rows, file.RowsWithoutKey, Commands, categories, Refusals.AsReadOnly())
            {
                IgnoredEditsAfterClose = _ignoredEdits,
                TicketsWithIgnoredEditsAfterClose = _ticketsWithIgnoredEdits,
                IgnoredEditsAfterCloseExample = _ignoredEditsExample,
                EditsAfterCloseCarriedToReopen = _carriedEdits,
            };
        }
    }
}
