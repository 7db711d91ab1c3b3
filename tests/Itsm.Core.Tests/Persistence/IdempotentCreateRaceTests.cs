using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// Retries of one idempotent create racing on real threads, each with a freshly generated id (as a client
/// that lost the response retries): every caller gets the first record, none an error.
/// </summary>
public sealed class IdempotentCreateRaceTests
{
    private const int Threads = 8;
    private const int Rounds = 50;

    // Far longer than a round takes; a wait that runs out fails the test instead of hanging the run.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    private static readonly TenantId Tenant = IncidentFixtures.Tenant;

    /// <param name="holdUntilAllChecked">
    /// Whether the authorizer holds every caller until all of them have passed the engine's replay check:
    /// then every loser learns of the winner only from its own save, the path that once loaded the loser's id.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Racing_retries_of_an_idempotent_create_with_fresh_ids_all_get_the_first_record(bool holdUntilAllChecked)
    {
        var store = new InMemoryAggregateStore();
        using var checkedIn = new Barrier(Threads);
        var engine = new ItsmEngine(store, Authorizer(holdUntilAllChecked ? checkedIn : null), IncidentFixtures.NewClock());

        for (int round = 0; round < Rounds; round++)
        {
            var results = await RaceAsync(engine, "create-" + round);

            var first = Assert.Single(results, r => !r.Replayed);
            Assert.All(results, r => Assert.Equal((first.Record.Id, 1L, IncidentState.New), (r.Record.Id, r.Version, r.Record.State)));
            Assert.All(results.Where(r => r.Replayed), r => Assert.Empty(r.Events));
        }

        Assert.Equal(Rounds, (await store.QueryAsync(Tenant, new RecordQuery())).Count);
        Assert.Equal(Rounds, (await store.ReadAuditAsync(Tenant, new NodaTime.Interval(NodaTime.Instant.FromUtc(2000, 1, 1, 0, 0), NodaTime.Instant.FromUtc(2100, 1, 1, 0, 0)))).Count);
    }

    internal static IItsmAuthorizer Authorizer(Barrier? checkedIn) =>
        ItsmAuthorizers.FromRule((_, operation, _) =>
        {
            if (checkedIn is not null && operation is OpenIncident && !checkedIn.SignalAndWait(WaitTimeout))
            {
                throw new TimeoutException($"Not every racing caller reached the authorizer within {WaitTimeout}.");
            }

            return true;
        });

    internal static async Task<CommandResult<Incident>[]> RaceAsync(ItsmEngine engine, string key)
    {
        using var start = new Barrier(Threads);
        var racers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(
            () =>
            {
                if (!start.SignalAndWait(WaitTimeout))
                {
                    throw new TimeoutException($"Not every racing thread reached the start barrier within {WaitTimeout}.");
                }

                return engine.Incidents.CreateAsync(
                    Tenant,
                    IncidentId.New(),
                    IncidentFixtures.Agent,
                    new OpenIncident("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email")),
                    new CommandOptions { IdempotencyKey = key }).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        return await Task.WhenAll(racers).WaitAsync(WaitTimeout * 2);
    }
}
