using System;
using System.Linq;
using System.Threading.Tasks;

namespace Itsm.Persistence.Testing;

// Retries of one idempotent create, each with a fresh record id, racing: the key names one record, and
// only that record is written.
public abstract partial class AggregateStoreContract
{
    /// <summary>
    /// RacingWriters threads creating different records with one idempotency key and one fingerprint (a client
    /// retrying a create with a freshly generated id each time): exactly one save is not a replay; every other
    /// returns the winner's version with Replayed set; the key names the winner; no loser's record exists.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_creates_of_different_records_with_one_key_write_only_the_first()
    {
        var store = await NewStoreAsync();
        int writers = Math.Max(2, RacingWriters);
        var key = new IdempotencyKey("create-storm", "fp");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            return await store.SaveAsync(Write(TenantA, IncidentType, $"INC-{w}", 0, entries: 2, state: $"{{\"writer\":{w}}}", key: key));
        })).ToArray();
        gate.SetResult();
        var outcomes = await Outcomes(tasks);

        Assert.All(outcomes, o => Assert.Null(o.Error));
        var winner = Assert.Single(outcomes, o => o.Result is { Replayed: false });
        Assert.Equal(new SaveResult(2, false) { Numbers = [1] }, winner.Result);
        Assert.All(outcomes.Where(o => o.Writer != winner.Writer), o => Assert.Equal(new SaveResult(2, true), o.Result));
        Assert.Equal(new IdempotencyRecord("create-storm", "fp", IncidentType, $"INC-{winner.Writer}", 2), await store.FindIdempotencyKeyAsync(TenantA, "create-storm"));
        Assert.Equal($"{{\"writer\":{winner.Writer}}}", (await store.LoadAsync(TenantA, IncidentType, $"INC-{winner.Writer}"))?.State);
        foreach (var loser in outcomes.Where(o => o.Writer != winner.Writer))
        {
            Assert.Null(await store.LoadAsync(TenantA, IncidentType, $"INC-{loser.Writer}"));
            Assert.Empty(await store.ReadHistoryAsync(TenantA, IncidentType, $"INC-{loser.Writer}"));
        }

        Assert.Equal($"INC-{winner.Writer}", Assert.Single(await store.QueryAsync(TenantA, new RecordQuery())).RecordId);
        Assert.Equal(2, (await store.ReadAuditAsync(TenantA, AllTime)).Count);
    }
}
