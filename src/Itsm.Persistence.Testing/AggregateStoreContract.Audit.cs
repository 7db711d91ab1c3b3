using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Testing;

// The audit log: append-only, read by period [start, end) and by record, in a fixed order.
public abstract partial class AggregateStoreContract
{
    /// <summary>The audit log is append-only: an UPDATE, DELETE, REPLACE, upsert or TRUNCATE of audit rows by the adapter's own back door (TryTamperWithAuditAsync) changes nothing (the history reads back exactly as before), and the store keeps working.</summary>
    /// <param name="tampering">What is tried.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(AuditTampering.Update)]
    [InlineData(AuditTampering.Delete)]
    [InlineData(AuditTampering.Replace)]
    [InlineData(AuditTampering.Upsert)]
    [InlineData(AuditTampering.Truncate)]
    public async Task Audit_rows_cannot_be_rewritten_or_removed(AuditTampering tampering)
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 3);
        await CreateAsync(store, TenantB, IncidentType, "INC-1", entries: 1);
        var before = await SnapshotAsync(store);
        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");

        Assert.False(await TryTamperWithAuditAsync(store, TenantA, IncidentType, "INC-1", 2, tampering), $"{tampering} changed the audit log");
        Assert.False(await TryTamperWithAuditAsync(store, TenantA, IncidentType, "INC-1", 1, tampering), $"{tampering} changed the audit log");

        var after = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(history.Count, after.Count);
        for (int i = 0; i < history.Count; i++)
        {
            AssertEntry(history[i], after[i]);
        }

        Assert.Equal(before, await SnapshotAsync(store));

        // The store still works afterwards.
        Assert.Equal(new SaveResult(4, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 3)));
        Assert.Equal([1L, 2, 3, 4], (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Select(e => e.Version));
    }

    /// <summary>Lists and data dictionaries a store returns are copies (or read-only): changing them changes nothing the store shows afterwards.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Mutating_lists_a_store_returned_does_not_change_the_store()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", data: new Dictionary<string, string> { ["k"] = "v" })]));
        var before = await SnapshotAsync(store);
        var intruder = Entry(TenantA, IncidentType, "INC-1", version: 1, command: "Forged");
        var forgedRow = new RecordSummary(TenantA, IncidentType, "FORGED", 1, Index());

        TryMutate(await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1"), intruder);
        TryMutate(await store.ReadAuditAsync(TenantA, AllTime), intruder);
        TryMutate(await store.QueryAsync(TenantA, new RecordQuery()), forgedRow);
        foreach (var entry in await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1"))
        {
            if (entry.Data is IDictionary<string, string> { IsReadOnly: false } data)
            {
                data["k"] = "forged";
                data["extra"] = "forged";
            }
        }

        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>A store copies an audit entry's data on save: changing the caller's dictionary afterwards changes nothing stored.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Mutating_a_written_dictionary_after_the_save_does_not_change_the_store()
    {
        var store = await NewStoreAsync();
        var data = new Dictionary<string, string> { ["reason"] = "original" };
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", data: data)]));
        var before = await SnapshotAsync(store);

        data["reason"] = "changed later";
        data["extra"] = "added later";

        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>ReadAudit returns the entries of the half-open period [start, end), to the nanosecond; an empty period returns nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadAudit_includes_the_start_and_excludes_the_end()
    {
        var store = await NewStoreAsync();
        var start = T0;
        var end = T0 + Duration.FromMinutes(10);
        Instant[] instants = [start - Duration.Epsilon, start, start + Duration.Epsilon, end - Duration.Epsilon, end, end + Duration.Epsilon];
        for (int i = 0; i < instants.Length; i++)
        {
            await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, $"INC-{i}", 0, "{}", Index(), [Entry(TenantA, IncidentType, $"INC-{i}", at: instants[i])]));
        }

        var audit = await store.ReadAuditAsync(TenantA, new Interval(start, end));

        Assert.Equal([start, start + Duration.Epsilon, end - Duration.Epsilon], audit.Select(e => e.At));
        Assert.Equal(["INC-1", "INC-2", "INC-3"], audit.Select(e => e.RecordId));
        Assert.Empty(await store.ReadAuditAsync(TenantA, new Interval(start, start)));
        Assert.Equal("INC-1", Assert.Single(await store.ReadAuditAsync(TenantA, new Interval(start, start + Duration.Epsilon))).RecordId);
    }

    /// <summary>ReadAudit orders entries by time, then record type, record id (ordinally: <c>B</c> before <c>a</c>) and version, whatever the order they were saved in.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadAudit_orders_by_time_then_record_type_then_record_id_then_version()
    {
        var store = await NewStoreAsync();
        var t1 = T0 + Duration.FromSeconds(1);

        // Saved in an order unlike the expected one; ids differ by case (ordinal: "B" < "a").
        await Save(store, ProblemType, "a", [t1, t1]);
        await Save(store, IncidentType, "b", [t1]);
        await Save(store, IncidentType, "B", [t1, T0]);
        await Save(store, IncidentType, "a", [t1 + Duration.Epsilon]);
        await Save(store, ProblemType, "A", [T0]);

        var audit = await store.ReadAuditAsync(TenantA, new Interval(T0, T0 + Duration.FromHours(1)));

        Assert.Equal(
            [
                $"{Format(T0)} Incident B 2",
                $"{Format(T0)} Problem A 1",
                $"{Format(t1)} Incident B 1",
                $"{Format(t1)} Incident b 1",
                $"{Format(t1)} Problem a 1",
                $"{Format(t1)} Problem a 2",
                $"{Format(t1 + Duration.Epsilon)} Incident a 1",
            ],
            audit.Select(e => $"{Format(e.At)} {e.RecordType} {e.RecordId} {e.Version}"));

        static Task Save(IAggregateStore store, string type, string id, Instant[] at) =>
            store.SaveAsync(new AggregateWrite(TenantA, type, id, 0, "{}", Index(), at.Select(i => Entry(TenantA, type, id, at: i)).ToArray()));
    }

    /// <summary>ReadAudit accepts a period from Instant.MinValue to Instant.MaxValue and returns the entries at both edges of the supported range.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadAudit_accepts_a_period_wider_than_the_supported_range()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", at: MinSupported), Entry(TenantA, IncidentType, "INC-1", at: MaxSupported - Duration.Epsilon)]));

        var audit = await store.ReadAuditAsync(TenantA, new Interval(Instant.MinValue, Instant.MaxValue));

        Assert.Equal([MinSupported, MaxSupported - Duration.Epsilon], audit.Select(e => e.At));
    }

    /// <summary>ReadHistory returns one record's entries only, in version order, even when their times go backwards.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_orders_by_version_whatever_the_times()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", at: T0 + Duration.FromHours(2), command: "Open"), Entry(TenantA, IncidentType, "INC-1", at: T0, command: "Assign")]));
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 2, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", at: T0 - Duration.FromDays(1), command: "Resolve")]));
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-2", 0));
        await store.SaveAsync(Write(TenantA, ProblemType, "INC-1", 0));

        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");

        Assert.Equal([(1L, "Open"), (2L, "Assign"), (3L, "Resolve")], history.Select(e => (e.Version, e.Command)));
        Assert.All(history, e => Assert.Equal((TenantA, IncidentType, "INC-1"), (e.Tenant, e.RecordType, e.RecordId)));
    }

    private static void TryMutate<T>(IReadOnlyList<T> list, T item)
    {
        if (list is IList<T> mutable && mutable.Count > 0)
        {
            try
            {
                mutable[0] = item;
            }
            catch (System.NotSupportedException)
            {
                // A read-only list: nothing to mutate.
            }

            if (!mutable.IsReadOnly)
            {
                mutable.Add(item);
            }
        }
    }
}
