using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Import;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Samples.Import;

/// <summary>
/// Imports a log into SQLite through <see cref="IncidentHistoryImporter"/>, then computes the KPIs with
/// <see cref="KpiCalculator"/> over the imported audit log and from the log's own columns.
/// </summary>
public static class ImportRun
{
    /// <summary>The tenant the history is imported into.</summary>
    public static readonly TenantId Tenant = new("import");

    /// <summary>Who the import is recorded as (the events keep their own actors).</summary>
    public static readonly Actor Importer = new("history-import", "system");

    /// <summary>The mapping the settings ask for: the shipped one of the format, or the file given.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ImportMappingException">The mapping file is invalid (every problem listed).</exception>
    public static ImportMapping MappingOf(ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Mapping is { } path)
        {
            using var file = File.OpenRead(path);
            return ImportMapping.Load(file);
        }

        return settings.Format == "bpic2013" ? ImportMapping.Bpic2013 : ImportMapping.ServiceNowIncidentCsv;
    }

    /// <summary>
    /// The incident workflow the import runs under: for the BPI Challenge 2013 log, <see cref="ImportMapping.Bpic2013Workflow"/>,
    /// whose custom states keep the log's sub-statuses (a mapping file given for that format is checked against it);
    /// none for ServiceNow, whose mapping names no custom states.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The workflow, or null.</returns>
    public static Workflow<IncidentState, IncidentCommand>? WorkflowOf(ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Format == "bpic2013" ? ImportMapping.Bpic2013Workflow : null;
    }

    /// <summary>Runs the import and computes the KPIs.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="mapping">The mapping.</param>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="progress">Progress reports, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome.</returns>
    public static async Task<ImportOutcome> RunAsync(ImportSettings settings, ImportMapping mapping, string databasePath, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(mapping);
        using var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = databasePath });

        // The engine runs the lifecycle under the policies the source desk ran under (the mapping says which), and
        // under the workflow whose custom states the mapping's sub-statuses name.
        var workflow = WorkflowOf(settings);
        var options = new ItsmEngineOptions
        {
            Incidents = mapping.Lifecycle.ApplyTo(IncidentOptions.Default),
            Workflows = workflow is null ? WorkflowCatalog.Empty : WorkflowCatalog.Empty.With(workflow),
        };
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, SystemClock.Instance, options);
        var importer = new IncidentHistoryImporter(engine, mapping);

        var stopwatch = Stopwatch.StartNew();
        ImportReport report;
        await using (var input = InputFile.OpenRead(settings.Input))
        {
            report = await importer.ImportAsync(Tenant, Importer, input, progress, cancellationToken).ConfigureAwait(false);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var entries = await ReadAllAsync(engine, cancellationToken).ConfigureAwait(false);
        KpiReport? kpis = null;
        if (entries.Count > 0)
        {
            var period = new Interval(entries.Min(e => e.At), entries.Max(e => e.At) + Duration.FromSeconds(1));
            kpis = KpiCalculator.Compute(entries.OrderBy(e => e.RecordId, StringComparer.Ordinal).ThenBy(e => e.Version), Tenant, period);
        }

        LogFigures log;
        await using (var input = InputFile.OpenRead(settings.Input))
        {
            log = LogFigures.Read(settings.Format, input, mapping.TimeZone);
        }

        double? Engine(KpiId id) => kpis?.Overall[id].Value;
        var comparisons = new List<KpiComparison>
        {
            new("incidentsOpened", "Incidents opened", Engine(KpiId.IncidentsOpened), log.Tickets),
            new("reopenRate", "Reopen rate", Engine(KpiId.ReopenRate), log.ReopenRate),
            new("meanHoursToResolve", "Mean time to resolve (h)", Engine(KpiId.MeanTimeToResolve), log.MeanHoursToResolve),
            new("backlog", "Backlog at the end", Engine(KpiId.Backlog), log.Backlog),
        };

        return new ImportOutcome(report, comparisons, kpis?.Warnings ?? [], seconds, workflow?.ToString(), workflow is null ? [] : FinalWorkflowStates(entries));
    }

    /// <summary>How many records end in each custom state: the state of each record's last entry that carries one.</summary>
    private static List<KeyValuePair<string, int>> FinalWorkflowStates(List<AuditEntry> entries) =>
        entries
            .Where(e => e.WorkflowState is not null)
            .GroupBy(e => e.RecordId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => e.Version)!.WorkflowState!)
            .GroupBy(state => state, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Count()))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    private static async Task<List<AuditEntry>> ReadAllAsync(ItsmEngine engine, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        long after = 0;
        while (true)
        {
            var page = await engine.ReadFeedAsync(Tenant, Importer, after, StoreArguments.MaxFeedRead, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return entries;
            }

            foreach (var item in page)
            {
                entries.Add(item.Entry);
            }

            after = page[^1].Position;
        }
    }
}
