using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// Retries of one idempotent create through the engine, racing on real threads over two store instances
/// of one database (as two processes would), each retry with a freshly generated id: every caller gets the
/// first record, none an error.
/// </summary>
public sealed class SqliteIdempotentCreateTests : IDisposable
{
    private const int Threads = 8;
    private const int Rounds = 50;

    // Far longer than a round takes; a wait that runs out fails the test instead of hanging the run.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <param name="holdUntilAllChecked">
    /// Whether the authorizer holds every caller until all of them have passed the engine's replay check:
    /// then every loser learns of the winner only from its own save, the path that once loaded the loser's id.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Racing_retries_of_an_idempotent_create_with_fresh_ids_all_get_the_first_record(bool holdUntilAllChecked)
    {
        var path = _directory.NewDatabase();
        var clock = new FakeClock(T0);
        using var checkedIn = new Barrier(Threads);
        var authorizer = ItsmAuthorizers.FromRule((_, operation, _) =>
        {
            if (holdUntilAllChecked && operation is OpenIncident && !checkedIn.SignalAndWait(WaitTimeout))
            {
                throw new TimeoutException($"Not every racing caller reached the authorizer within {WaitTimeout}.");
            }

            return true;
        });
        var engines = new[] { new ItsmEngine(Store(path), authorizer, clock), new ItsmEngine(Store(path), authorizer, clock) };

        for (int round = 0; round < Rounds; round++)
        {
            var key = "create-" + round;
            using var start = new Barrier(Threads);
            var racers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    if (!start.SignalAndWait(WaitTimeout))
                    {
                        throw new TimeoutException($"Not every racing thread reached the start barrier within {WaitTimeout}.");
                    }

                    return engines[t % 2].Incidents.CreateAsync(
                        Tenant,
                        IncidentId.New(),
                        Agent,
                        new OpenIncident("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new Itsm.Services.ServiceId("email")),
                        new CommandOptions { IdempotencyKey = key }).GetAwaiter().GetResult();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            var results = await Task.WhenAll(racers).WaitAsync(WaitTimeout * 2);

            var first = Assert.Single(results, r => !r.Replayed);
            Assert.All(results, r => Assert.Equal((first.Record.Id, 1L, IncidentState.New), (r.Record.Id, r.Version, r.Record.State)));
            Assert.All(results.Where(r => r.Replayed), r => Assert.Empty(r.Events));
        }

        var store = Store(path);
        Assert.Equal(Rounds, (await store.QueryAsync(Tenant, new RecordQuery())).Count);
        Assert.Equal(Rounds, (await store.ReadAuditAsync(Tenant, new Interval(T0, T0 + Duration.FromDays(1)))).Count);
    }
}
