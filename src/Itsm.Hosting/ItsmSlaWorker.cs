using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Sla;
using Itsm.Workflows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Itsm.Hosting;

/// <summary>
/// The SLA and auto-close worker: one timer over the due index (<see cref="RecordIndex.SlaDueAt"/>). At
/// every look it records, on each due ticket, the SLA thresholds its clocks crossed (warnings, breaches,
/// escalation steps: <see cref="SlaThresholdReached"/> events, through the engine), escalates incidents
/// hierarchically at escalation thresholds, closes resolved incidents whose auto-close instant has
/// passed, and records the approval level a request or a change waits on overdue once its due instant
/// passed undecided (<see cref="Itsm.Approvals.ApprovalLevelOverdue"/>, once per level and run of the chain). Register it with <c>AddItsm(i => i.AddSlaWorker(...))</c>; it stops cleanly with the host.
/// </summary>
/// <remarks>
/// <para>Each threshold is recorded exactly once per ticket, however many instances run: the ticket's state
/// remembers the last threshold recorded (<see cref="Incident.LastSlaThreshold"/>), the engine computes the
/// ones after it (<see cref="ItsmEngine.PendingSlaThresholds(Incident, Instant)"/>), and every command is
/// saved with the version the worker loaded, so a second instance that loaded the same version fails with
/// <see cref="ConcurrencyException"/>, reloads, and finds nothing left to record. An overdue approval level is
/// recorded once the same way: the record remembers the level and due instant it recorded. On a store implementing
/// <see cref="ISlaDueClaims"/> (PostgreSQL), instances also claim due records, so they rarely collide.</para>
/// <para>Commands go through the <see cref="ItsmEngine"/> as <see cref="ItsmSlaWorkerOptions.SystemActor"/>:
/// authorization, auditing, the event feed and publishing apply as to any command. Instants come from the
/// engine's clock; the delays between looks from the <see cref="TimeProvider"/>.</para>
/// <para>A failure on one record is logged and the record tried again at the next look; a failure of a
/// whole look (the store unreachable) is logged and the next look follows after the poll interval. The
/// worker never stops the host. A record that cannot be loaded (<see cref="CorruptRecordException"/>, or a workflow the
/// engine's catalog does not hold, <see cref="MissingWorkflowException"/>, <c>ITSM-WF-MISSING-001</c>: errors no retry
/// mends) is logged once per version, then skipped until its version changes or the host restarts (which is how a
/// missing workflow comes back); it stays due, so its thresholds are recorded as soon as it loads again. On a store
/// without claims the looks reach past such records (the query asks for the batch plus the remembered ones), so the
/// due records behind them are not starved; the memory is bounded (10,000 records). A look whose batch failed on every
/// record it tried waits the poll interval rather than looking again at once.</para>
/// </remarks>
public sealed partial class ItsmSlaWorker : BackgroundService
{
    private readonly ItsmEngine _engine;
    private readonly ItsmSlaWorkerOptions _options;
    private readonly ILogger<ItsmSlaWorker> _logger;
    private readonly TimeProvider _time;

    // Records that cannot be loaded (corrupt state, a missing workflow), with the version that failed: logged once per
    // version, and skipped by the looks over the due index until their version changes, so the due records behind them
    // are reached. Bounded: past the limit it starts afresh (each such record is then tried and logged once more).
    private readonly ConcurrentDictionary<(TenantId Tenant, string RecordType, string RecordId), Unloadable> _unloadable = new();
    private const int UnloadableKept = 10_000;

    /// <summary>Creates the worker.</summary>
    /// <param name="engine">The engine whose store, clock and authorizer it uses.</param>
    /// <param name="options">Its settings; validated here.</param>
    /// <param name="logger">Where it logs failures.</param>
    /// <param name="timeProvider">Times the delays between looks (<see cref="TimeProvider.System"/> in production).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ItsmSlaWorker(ItsmEngine engine, IOptions<ItsmSlaWorkerOptions> options, ILogger<ItsmSlaWorker> logger, TimeProvider timeProvider)
    {
        _engine = Guard.Against.Null(engine);
        Guard.Against.Null(options);
        _options = Guard.Against.Null(options.Value, nameof(options));
        _logger = Guard.Against.Null(logger);
        _time = Guard.Against.Null(timeProvider);
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The SLA worker options are invalid: " + string.Join(" ", errors), nameof(options));
        }
    }

    /// <summary>
    /// One look at the due index of every tenant: handles every record due at the engine clock's current
    /// instant (up to <see cref="ItsmSlaWorkerOptions.BatchSize"/> per tenant). The hosted service calls it
    /// on its timer; a host with its own scheduler (or a test) may call it directly.
    /// </summary>
    /// <param name="cancellationToken">Cancels the look.</param>
    /// <returns>How many commands the look recorded, and whether a tenant had more due records than one batch.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>Failures on single records are logged, not thrown; a failure to read a tenant's due records is thrown.</remarks>
    public async Task<ItsmSlaWorkerLook> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        int recorded = 0;
        bool more = false;
        foreach (var tenant in await TenantsAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = _engine.Clock.GetCurrentInstant();
            if (_engine.Store is ISlaDueClaims claims)
            {
                var claimed = await claims.ClaimDueAsync(tenant, now, _options.BatchSize, _options.InstanceName, Duration.FromTimeSpan(_options.ClaimLease), cancellationToken).ConfigureAwait(false);
                int failed = 0;
                foreach (var claim in claimed)
                {
                    if (await HandleAsync(tenant, claim.RecordType, claim.RecordId, claim.Version, cancellationToken).ConfigureAwait(false) is { } count)
                    {
                        recorded += count;
                        await claims.CompleteAsync(claim, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        failed++;
                    }
                }

                // A full batch of failures is no reason to look again at once: that would spin on the same records.
                more |= claimed.Count == _options.BatchSize && failed < claimed.Count;
            }
            else
            {
                // The due index lists the same records first at every look, so records that cannot be loaded would fill
                // every batch and starve the due records behind them: the query reaches past the ones known to fail (at
                // their unchanged version), which are skipped, and the batch is spent on the others.
                int known = UnloadableCount(tenant);
                int limit = (int)Math.Min((long)_options.BatchSize + known, int.MaxValue);

                // SlaDueBefore is strict: a record due exactly now is due.
                var due = await _engine.Store.QueryAsync(tenant, new RecordQuery { OpenOnly = true, SlaDueBefore = now + Duration.Epsilon, Limit = limit }, cancellationToken).ConfigureAwait(false);
                int attempted = 0, failed = 0;
                bool cut = false;
                foreach (var record in due)
                {
                    if (attempted == _options.BatchSize)
                    {
                        cut = true;
                        break;
                    }

                    if (IsKnownUnloadable(tenant, record))
                    {
                        continue;
                    }

                    attempted++;
                    if (await HandleAsync(tenant, record.RecordType, record.RecordId, record.Version, cancellationToken).ConfigureAwait(false) is { } count)
                    {
                        recorded += count;
                    }
                    else
                    {
                        failed++;
                    }
                }

                if (known > 0 && due.Count < limit)
                {
                    // The whole due list was seen: forget the failing records that are no longer due (closed, deleted).
                    ForgetNotDue(tenant, due);
                }

                // A batch of nothing but failures is no reason to look again at once: that would spin on the same records.
                more |= (cut || due.Count == limit) && failed < attempted;
            }
        }

        return new ItsmSlaWorkerLook(recorded, more);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool more = false;
            try
            {
                more = (await RunOnceAsync(stoppingToken).ConfigureAwait(false)).HasMore;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLookFailed(ex);
            }

            if (more)
            {
                continue;
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyCollection<TenantId>> TenantsAsync(CancellationToken cancellationToken)
    {
        if (_options.TenantSource is null)
        {
            return [.. _options.Tenants];
        }

        var tenants = new HashSet<TenantId>(_options.Tenants);
        try
        {
            foreach (var tenant in await _options.TenantSource(cancellationToken).ConfigureAwait(false))
            {
                tenants.Add(tenant);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTenantSourceFailed(ex);
        }

        return tenants;
    }

    // Handles one due record: the number of commands recorded, or null when it failed before recording any (it stays due).
    private async Task<int?> HandleAsync(TenantId tenant, string recordType, string recordId, long version, CancellationToken cancellationToken)
    {
        // Commands committed before a conflict stay committed: the count spans the attempts.
        var recorded = new StrongBox<int>();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                switch (recordType)
                {
                    case Incident.RecordType:
                        await HandleIncidentAsync(tenant, new IncidentId(Guid.Parse(recordId)), recorded, cancellationToken).ConfigureAwait(false);
                        break;
                    case ServiceRequest.RecordType:
                        await HandleRequestAsync(tenant, new ServiceRequestId(Guid.Parse(recordId)), recorded, cancellationToken).ConfigureAwait(false);
                        break;
                    case Change.RecordType:
                        await HandleChangeAsync(tenant, new ChangeId(Guid.Parse(recordId)), recorded, cancellationToken).ConfigureAwait(false);
                        break;
                }

                _unloadable.TryRemove((tenant, recordType, recordId), out _);
                return recorded.Value;
            }
            catch (ConcurrencyException) when (attempt < _options.MaxAttempts)
            {
                // Another instance (or a user) changed the record: reload and see what is left.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (MissingWorkflowIn(ex) is { } missing)
            {
                ReportMissingWorkflow(missing, tenant, recordType, recordId, version);
                return recorded.Value > 0 ? recorded.Value : null;
            }
            catch (CorruptRecordException ex)
            {
                ReportCorrupt(ex, tenant, recordType, recordId, version);
                return recorded.Value > 0 ? recorded.Value : null;
            }
            catch (Exception ex)
            {
                LogRecordFailed(ex, tenant.Value, recordType, recordId);
                return recorded.Value > 0 ? recorded.Value : null;
            }
        }
    }

    private async Task HandleIncidentAsync(TenantId tenant, IncidentId id, StrongBox<int> recorded, CancellationToken cancellationToken)
    {
        var service = _engine.Incidents;
        var incident = await service.FindAsync(tenant, id, _options.SystemActor, cancellationToken).ConfigureAwait(false);
        if (incident is null)
        {
            return;
        }

        var now = _engine.Clock.GetCurrentInstant();
        while (_engine.PendingSlaThresholds(incident, now) is { Count: > 0 } pending)
        {
            var threshold = pending[0];
            incident = (await service.ExecuteAsync(tenant, id, _options.SystemActor, new RecordIncidentSlaThreshold(threshold), Expect(incident.Version), cancellationToken).ConfigureAwait(false)).Record;
            recorded.Value++;
            SlaMetrics.Recorded(Incident.RecordType, threshold);
            if (threshold.Kind == SlaThresholdKind.Escalation && _options.EscalateIncidents)
            {
                // The escalation belongs to the threshold this worker just recorded: nobody else will issue
                // it, so a conflict (a concurrent change) is retried here on the reloaded incident.
                var reason = $"SLA {threshold.AgreementId} {threshold.Metric} reached {threshold.ThresholdPercent.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}% of its target at {threshold.DueAt} (escalation after the breach).";
                for (int attempt = 1; incident.Permits(IncidentCommand.EscalateHierarchically); attempt++)
                {
                    try
                    {
                        incident = (await service.ExecuteAsync(tenant, id, _options.SystemActor, new EscalateIncidentHierarchically(_options.EscalationManager, reason), Expect(incident.Version), cancellationToken).ConfigureAwait(false)).Record;
                        recorded.Value++;
                        break;
                    }
                    catch (ConcurrencyException) when (attempt < _options.MaxAttempts)
                    {
                        incident = await service.GetAsync(tenant, id, _options.SystemActor, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        if (_options.AutoClose && _engine.AutoCloseDueAt(incident) is { } closeAt && closeAt <= now)
        {
            await service.ExecuteAsync(tenant, id, _options.SystemActor, new CloseIncident(), Expect(incident.Version), cancellationToken).ConfigureAwait(false);
            recorded.Value++;
        }
    }

    private async Task HandleRequestAsync(TenantId tenant, ServiceRequestId id, StrongBox<int> recorded, CancellationToken cancellationToken)
    {
        var service = _engine.ServiceRequests;
        var request = await service.FindAsync(tenant, id, _options.SystemActor, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var now = _engine.Clock.GetCurrentInstant();
        while (_engine.PendingSlaThresholds(request, now) is { Count: > 0 } pending)
        {
            var threshold = pending[0];
            request = (await service.ExecuteAsync(tenant, id, _options.SystemActor, new RecordServiceRequestSlaThreshold(threshold), Expect(request.Version), cancellationToken).ConfigureAwait(false)).Record;
            recorded.Value++;
            SlaMetrics.Recorded(ServiceRequest.RecordType, threshold);
        }

        if (_engine.PendingApprovalOverdue(request, now) is not null)
        {
            await service.ExecuteAsync(tenant, id, _options.SystemActor, new RecordServiceRequestApprovalOverdue(), Expect(request.Version), cancellationToken).ConfigureAwait(false);
            recorded.Value++;
        }
    }

    private async Task HandleChangeAsync(TenantId tenant, ChangeId id, StrongBox<int> recorded, CancellationToken cancellationToken)
    {
        var service = _engine.Changes;
        var change = await service.FindAsync(tenant, id, _options.SystemActor, cancellationToken).ConfigureAwait(false);
        if (change is not null && _engine.PendingApprovalOverdue(change, _engine.Clock.GetCurrentInstant()) is not null)
        {
            await service.ExecuteAsync(tenant, id, _options.SystemActor, new RecordChangeApprovalOverdue(), Expect(change.Version), cancellationToken).ConfigureAwait(false);
            recorded.Value++;
        }
    }

    private static CommandOptions Expect(long version) => new() { ExpectedVersion = version };

    // The store reports a record it cannot load as corrupt, with the missing workflow as the cause.
    private static MissingWorkflowException? MissingWorkflowIn(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MissingWorkflowException missing)
            {
                return missing;
            }
        }

        return null;
    }

    // Once per record and version: every look meets the record again, and the log would repeat forever.
    private void ReportMissingWorkflow(MissingWorkflowException exception, TenantId tenant, string recordType, string recordId, long version)
    {
        if (Remember(tenant, recordType, recordId, version, missingWorkflow: true))
        {
            LogMissingWorkflow(exception, tenant.Value, recordType, recordId, version);
        }
        else
        {
            LogMissingWorkflowAgain(tenant.Value, recordType, recordId, version);
        }
    }

    private void ReportCorrupt(CorruptRecordException exception, TenantId tenant, string recordType, string recordId, long version)
    {
        if (Remember(tenant, recordType, recordId, version, missingWorkflow: false))
        {
            LogRecordFailed(exception, tenant.Value, recordType, recordId);
        }
        else
        {
            LogCorruptAgain(tenant.Value, recordType, recordId, version);
        }
    }

    // Whether the record is new to the memory of records that cannot be loaded (at this version).
    private bool Remember(TenantId tenant, string recordType, string recordId, long version, bool missingWorkflow)
    {
        var key = (tenant, recordType, recordId);
        if (_unloadable.TryGetValue(key, out var known) && known.Version == version)
        {
            return false;
        }

        if (_unloadable.Count >= UnloadableKept)
        {
            _unloadable.Clear();
        }

        _unloadable[key] = new Unloadable(version, missingWorkflow);
        return true;
    }

    // A due record that failed to load at the version it is still at: skipped (its version changes when it is mended
    // through the engine; a missing workflow comes back with a new engine, so a new worker).
    private bool IsKnownUnloadable(TenantId tenant, RecordSummary record)
    {
        if (!_unloadable.TryGetValue((tenant, record.RecordType, record.RecordId), out var known) || known.Version != record.Version)
        {
            return false;
        }

        if (known.MissingWorkflow)
        {
            LogMissingWorkflowAgain(tenant.Value, record.RecordType, record.RecordId, record.Version);
        }
        else
        {
            LogCorruptAgain(tenant.Value, record.RecordType, record.RecordId, record.Version);
        }

        return true;
    }

    private int UnloadableCount(TenantId tenant)
    {
        int count = 0;
        foreach (var key in _unloadable.Keys)
        {
            if (key.Tenant == tenant)
            {
                count++;
            }
        }

        return count;
    }

    private void ForgetNotDue(TenantId tenant, IReadOnlyList<RecordSummary> due)
    {
        var stillDue = new HashSet<(string, string)>();
        foreach (var record in due)
        {
            stillDue.Add((record.RecordType, record.RecordId));
        }

        foreach (var key in _unloadable.Keys)
        {
            if (key.Tenant == tenant && !stillDue.Contains((key.RecordType, key.RecordId)))
            {
                _unloadable.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Unloadable(long Version, bool MissingWorkflow);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The SLA worker's look at the due index failed; it looks again after the poll interval.")]
    private partial void LogLookFailed(Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The SLA worker's tenant source failed; this look serves the configured tenants only.")]
    private partial void LogTenantSourceFailed(Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The SLA worker could not handle {Tenant}/{RecordType}/{RecordId}; it stays due and is tried again at the next look.")]
    private partial void LogRecordFailed(Exception exception, string tenant, string recordType, string recordId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The SLA worker cannot load {Tenant}/{RecordType}/{RecordId} (version {Version}): it runs a workflow the engine's catalog does not hold (ITSM-WF-MISSING-001). It stays due and is skipped until the record changes or the host restarts, when it is tried (and logged) again.")]
    private partial void LogMissingWorkflow(Exception exception, string tenant, string recordType, string recordId, long version);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "The SLA worker still cannot load {Tenant}/{RecordType}/{RecordId} (version {Version}): its workflow is still missing.")]
    private partial void LogMissingWorkflowAgain(string tenant, string recordType, string recordId, long version);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "The SLA worker skips {Tenant}/{RecordType}/{RecordId} (version {Version}): it could not be loaded at this version; it is tried again once its version changes.")]
    private partial void LogCorruptAgain(string tenant, string recordType, string recordId, long version);
}
