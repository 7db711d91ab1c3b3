using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Workflows;
using Microsoft.Extensions.Logging;
using NodaTime;
using Xunit;
using static Itsm.Hosting.Tests.SlaWorld;

namespace Itsm.Hosting.Tests;

/// <summary>
/// A due record that runs a workflow the worker's engine does not hold (<c>ITSM-WF-MISSING-001</c>): logged once per
/// version of the record, not at every look, while the worker goes on serving the other records and the record stays due.
/// </summary>
public sealed class ItsmSlaWorkerMissingWorkflowTests
{
    private const int MissingWorkflowEvent = 4;
    private const int RecordFailedEvent = 3;

    private static readonly Workflow<IncidentState, IncidentCommand> AcmeIncident =
        WorkflowBuilder.ForIncidents("acme-incident").State("Investigating", IncidentState.InProgress).Build();

    private readonly SlaWorld _world = new();
    private readonly RecordingLogger _log = new();

    // The engine of an instance that still has the workflow (and of the host once it is deployed again).
    private ItsmEngine WithWorkflow() => new(_world.Store, ItsmAuthorizers.AllowAll, _world.Clock, new ItsmEngineOptions
    {
        Agreements = [Gold],
        Workflows = WorkflowCatalog.Empty.With(Tenant, AcmeIncident),
    });

    private ItsmSlaWorker Worker(ItsmEngine engine, int batchSize = 100)
    {
        var options = new ItsmSlaWorkerOptions { BatchSize = batchSize };
        options.Tenants.Add(Tenant);
        return new ItsmSlaWorker(engine, Microsoft.Extensions.Options.Options.Create(options), _log, TimeProvider.System);
    }

    private async Task<IncidentId> OpenUnderTheWorkflowAsync()
    {
        var id = IncidentId.New();
        await WithWorkflow().Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
        return id;
    }

    [Fact]
    public async Task A_record_whose_workflow_is_missing_is_logged_once_per_version_while_the_others_are_handled()
    {
        var orphan = await OpenUnderTheWorkflowAsync();
        var healthy = await _world.OpenAsync();
        var worker = Worker(_world.Engine);

        _world.Clock.Reset(Start + Duration.FromHours(2));
        var first = await worker.RunOnceAsync();
        var second = await worker.RunOnceAsync();
        _world.Clock.Reset(Start + Duration.FromHours(3));
        var third = await worker.RunOnceAsync();

        Assert.Equal((1, 0, 1), (first.Recorded, second.Recorded, third.Recorded));
        Assert.Equal(2, (await _world.ThresholdsAsync(healthy)).Count);
        var error = Assert.Single(_log.Errors);
        Assert.Equal(MissingWorkflowEvent, error.EventId.Id);
        Assert.Contains($"acme/Incident/{orphan} (version 1)", error.Message, StringComparison.Ordinal);
        Assert.IsType<MissingWorkflowException>(error.Exception);
        Assert.Equal(2, _log.Records.Count(r => r.Level == LogLevel.Debug && r.EventId.Id == MissingWorkflowEvent + 1));
        Assert.DoesNotContain(_log.Records, r => r.EventId.Id == RecordFailedEvent);
    }

    [Fact]
    public async Task The_record_is_logged_again_once_it_changes_and_handled_once_its_workflow_is_back()
    {
        var orphan = await OpenUnderTheWorkflowAsync();
        var worker = Worker(_world.Engine);
        _world.Clock.Reset(Start + Duration.FromHours(3));
        await worker.RunOnceAsync();
        await worker.RunOnceAsync();

        await WithWorkflow().Incidents.ExecuteAsync(Tenant, orphan, Agent, new AddIncidentWorkNote("still looking"));
        await worker.RunOnceAsync();
        await worker.RunOnceAsync();
        var errorsBeforeTheWorkflowIsBack = _log.Errors.Length;
        var recorded = (await Worker(WithWorkflow()).RunOnceAsync()).Recorded;

        Assert.Equal(2, errorsBeforeTheWorkflowIsBack);
        Assert.All(_log.Errors, e => Assert.Equal(MissingWorkflowEvent, e.EventId.Id));
        Assert.Contains("(version 2)", _log.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(2, recorded);
        Assert.Equal(new[] { 50.0, 75.0 }, (await _world.ThresholdsAsync(orphan)).Select(t => t.ThresholdPercent));
    }

    [Fact]
    public async Task A_batch_that_failed_on_every_record_waits_for_the_poll_interval()
    {
        await OpenUnderTheWorkflowAsync();
        _world.Clock.Reset(Start + Duration.FromHours(3));

        var look = await Worker(_world.Engine, batchSize: 1).RunOnceAsync();

        Assert.Equal((0, false), (look.Recorded, look.HasMore));
    }

    private sealed class RecordingLogger : ILogger<ItsmSlaWorker>
    {
        private readonly ConcurrentQueue<Entry> _records = new();

        public Entry[] Records => [.. _records];

        public Entry[] Errors => [.. _records.Where(r => r.Level >= LogLevel.Error)];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _records.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), exception));

        internal sealed record Entry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
    }
}
