using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using Xunit.Abstractions;

using Itsm.Persistence.Contract.Stress;

namespace Itsm.Persistence.PostgreSql.Tests.Stress;

/// <summary>
/// Issue 9's figure, "no lost update, ever", on PostgreSQL: 16 writers run 500 accepted commands each on one
/// incident through <c>engine.Incidents.ExecuteAsync</c> (load, command, save with the version loaded), calling
/// again on every <see cref="ConcurrencyException"/>. Afterwards the incident's version, its audit count and
/// 1 + the updates the writers saw succeed are the same number, and every audit version 1..N is there once.
/// The writers are tasks of this process sharing one store, or 4 writers in each of 4 worker processes, each
/// process with its own store and connection pool.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class LostUpdateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 16;
    private const int UpdatesPerWriter = 500;
    private const int Processes = 4;
    private const int WritersPerProcess = Writers / Processes;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly TenantId Tenant = new("stress");
    private static readonly Actor Agent = new("stress.agent", "itil");

    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());
    private ItsmEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, SystemClock.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Fact]
    public async Task Sixteen_writer_tasks_with_500_updates_each_lose_no_update()
    {
        var id = await OpenIncidentAsync();
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(Deadline);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            return await WriteAllAsync(id, "t" + w.ToString(CultureInfo.InvariantCulture), deadline.Token);
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(tasks).WaitAsync(Deadline + TimeSpan.FromSeconds(30));

        var succeeded = results.Sum(r => r.Succeeded);
        var check = await CheckIncidentAsync(id, initial: 1, succeeded);
        output.WriteLine($"{Writers} tasks x {UpdatesPerWriter}: {succeeded} updates, {results.Sum(r => r.Conflicts)} conflicts retried, {clock.Elapsed.TotalSeconds:F1} s; {check}");
        Assert.All(results, r => Assert.Equal(UpdatesPerWriter, r.Succeeded));
        Assert.True(check.IsClean, check.ToString());
        Assert.Equal(1 + (Writers * UpdatesPerWriter), check.FinalVersion);
    }

    [Fact]
    public async Task Sixteen_writers_in_four_processes_with_500_updates_each_lose_no_update()
    {
        var id = await OpenIncidentAsync();
        var clock = Stopwatch.StartNew();
        var workers = new List<StoreWorkerProcess>();
        try
        {
            for (var p = 0; p < Processes; p++)
            {
                workers.Add(Worker.Start(
                    "update",
                    "--schema", _store.Schema,
                    "--tenant", Tenant.Value,
                    "--incident", id.ToString(),
                    "--updates", UpdatesPerWriter.ToString(CultureInfo.InvariantCulture),
                    "--writers", WritersPerProcess.ToString(CultureInfo.InvariantCulture),
                    "--max-seconds", ((int)Deadline.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                    "--wait-for-go"));
            }

            // Every process has opened the store; release them together so they race from the first command.
            foreach (var worker in workers)
            {
                await worker.WaitForLinesAsync(1, TimeSpan.FromSeconds(90));
                Assert.Equal("ready", worker.Lines()[0]);
            }

            var started = clock.Elapsed;
            foreach (var worker in workers)
            {
                await worker.SendAsync("go");
            }

            long succeeded = 0, conflicts = 0;
            foreach (var worker in workers)
            {
                var (exitCode, stderr) = await worker.WaitForExitAsync(Deadline + TimeSpan.FromSeconds(30));
                Assert.True(exitCode == 0, $"worker {worker.Id} exited with {exitCode}: {stderr}");
                var (s, c) = ParseSummary(worker.Lines());
                Assert.Equal(WritersPerProcess * UpdatesPerWriter, s);
                succeeded += s;
                conflicts += c;
            }

            var check = await CheckIncidentAsync(id, initial: 1, succeeded);
            output.WriteLine($"{Processes} processes x {WritersPerProcess} writers x {UpdatesPerWriter}: {succeeded} updates, {conflicts} conflicts retried, "
                + $"{started.TotalSeconds:F1} s to start, {(clock.Elapsed - started).TotalSeconds:F1} s to write; {check}");
            Assert.True(check.IsClean, check.ToString());
            Assert.Equal(1 + (Writers * UpdatesPerWriter), check.FinalVersion);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private async Task<IncidentId> OpenIncidentAsync()
    {
        var id = IncidentId.New();
        await _engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.stress", "Stress test incident", Impact.Medium, Urgency.Medium));
        return id;
    }

    private async Task<HistoryCheck> CheckIncidentAsync(IncidentId id, long initial, long succeeded)
    {
        var incident = await _engine.Incidents.GetAsync(Tenant, id, Agent);
        var history = await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());

        // The rows themselves, counted by the database (not through the store's API).
        var rows = (long)(await PostgresServer.ScalarAsync(
            $"SELECT count(*) FROM \"{_store.Schema}\".audit WHERE tenant = $1 AND record_type = $2 AND record_id = $3", Tenant.Value, Incident.RecordType, id.ToString()))!;
        Assert.Equal(history.Count, rows);
        return HistoryCheck.Of(initial, succeeded, incident.Version, history.Select(e => e.Version));
    }

    private Task<(long Succeeded, long Conflicts)> WriteAllAsync(IncidentId id, string writer, CancellationToken deadline) =>
        EngineWriter.WriteAllAsync(_engine, Tenant, Agent, id, writer, UpdatesPerWriter, Deadline, deadline);

    private static (long Succeeded, long Conflicts) ParseSummary(IReadOnlyList<string> lines)
    {
        var last = lines.Count > 0 ? lines[^1] : string.Empty;
        var parts = last.Split(' ');
        Assert.True(parts.Length == 4 && parts[0] == "updated" && parts[2] == "conflicts", $"unexpected worker summary '{last}'");
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
