using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Persistence.Testing;

/// <summary>
/// The contract of <see cref="IAggregateStore"/>, written once: every store adapter's test project
/// derives a class from this one, implements the two hooks, and xunit runs every inherited test
/// against the adapter. The suite is written against the interface's remarks, not against any one
/// store; its model of the store (<see cref="StoreModel"/>) is its own.
/// </summary>
/// <remarks>
/// Each test asks <see cref="CreateStoreAsync"/> for a fresh, empty store (and disposes it when the
/// test ends, if the store is disposable; override <see cref="DisposeStoreAsync"/> otherwise). No
/// test asserts timing. Tests that race saves use real threads.
/// </remarks>
public abstract partial class AggregateStoreContract : IAsyncLifetime
{
    /// <summary>The first tenant of every test.</summary>
    protected static readonly TenantId TenantA = new("tenant-a");

    /// <summary>The second tenant, holding records with the same types and ids as the first.</summary>
    protected static readonly TenantId TenantB = new("tenant-b");

    /// <summary>The record type most tests use.</summary>
    protected const string IncidentType = "Incident";

    /// <summary>A second record type.</summary>
    protected const string ProblemType = "Problem";

    /// <summary>An ordinary instant most tests start from.</summary>
    protected static readonly Instant T0 = Instant.FromUtc(2025, 3, 10, 9, 0);

    /// <summary>The earliest instant a store must round-trip exactly.</summary>
    protected static readonly Instant MinSupported = Instant.FromUtc(1678, 9, 22, 0, 0);

    /// <summary>The instant before which every instant must round-trip exactly.</summary>
    protected static readonly Instant MaxSupported = Instant.FromUtc(2262, 4, 11, 0, 0);

    /// <summary>A period containing every supported instant (for reading the whole audit log).</summary>
    protected static readonly Interval AllTime = new(MinSupported, MaxSupported);

    private readonly List<IAggregateStore> _stores = [];

    /// <summary>Creates a fresh, empty store; called once per test (and once per run of a property).</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IAggregateStore> CreateStoreAsync();

    /// <summary>
    /// Tries to rewrite or remove one audit row (all rows, for <see cref="AuditTampering.Truncate"/>) the way
    /// <paramref name="tampering"/> says, by whatever means the adapter has (for SQL adapters, a statement on
    /// the audit table, bypassing the store's API). Catch the database's refusal and return <see langword="false"/>.
    /// </summary>
    /// <param name="store">A store created by <see cref="CreateStoreAsync"/>.</param>
    /// <param name="tenant">The tenant of the row.</param>
    /// <param name="recordType">The record type of the row.</param>
    /// <param name="recordId">The record id of the row.</param>
    /// <param name="version">The version of the row.</param>
    /// <param name="tampering">What to try; a store with no such path returns <see langword="false"/> without trying.</param>
    /// <returns><see langword="true"/> only when a row was really changed, replaced or removed; the contract requires <see langword="false"/>.</returns>
    protected abstract Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, AuditTampering tampering);

    /// <summary>Releases a store made by <see cref="CreateStoreAsync"/>; by default disposes it if it is disposable.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task.</returns>
    protected virtual async Task DisposeStoreAsync(IAggregateStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>How many writers race in the concurrency tests (at least 2).</summary>
    protected virtual int RacingWriters => 8;

    /// <summary>How many increments each racing writer makes in the lost-update test.</summary>
    protected virtual int IncrementsPerWriter => 10;

    /// <summary>
    /// How long the suite waits for work it started on other threads (racing writers, a property's run on a
    /// fresh store) before it fails the test instead of hanging the test run. Far more than a working store needs.
    /// </summary>
    protected virtual TimeSpan WaitTimeout => TimeSpan.FromMinutes(2);

    /// <summary>How many random operation sequences the model-based property runs (each on a fresh store).</summary>
    protected virtual int ModelBasedRuns => 100;

    /// <summary>How many runs each of the other properties makes (each on a fresh store).</summary>
    protected virtual int PropertyRuns => 50;

    /// <summary>xunit's per-test set-up; nothing by default.</summary>
    /// <returns>A task.</returns>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>xunit's per-test tear-down: releases every store <see cref="NewStoreAsync"/> made (through <see cref="DisposeStoreAsync"/>). An override must call it.</summary>
    /// <returns>A task.</returns>
    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await DisposeStoreAsync(store);
        }

        _stores.Clear();
    }

    /// <summary>A fresh store, disposed when the test ends.</summary>
    /// <returns>The store.</returns>
    protected async Task<IAggregateStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        Assert.NotNull(store);
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs <paramref name="body"/> on a fresh store, off the test's synchronisation context, and disposes the store.</summary>
    /// <param name="body">What to do.</param>
    /// <exception cref="TimeoutException">It did not end within <see cref="WaitTimeout"/>.</exception>
    protected void RunOnFreshStore(Func<IAggregateStore, Task> body)
    {
        var run = Task.Run(async () =>
        {
            var store = await CreateStoreAsync();
            try
            {
                await body(store);
            }
            finally
            {
                await DisposeStoreAsync(store);
            }
        });
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(WaitTimeout))
        {
            throw new TimeoutException($"A run on a fresh store did not end within {WaitTimeout}.");
        }

        run.GetAwaiter().GetResult();
    }

    /// <summary>Waits until every task has ended (succeeded or failed), for at most <see cref="WaitTimeout"/>.</summary>
    /// <param name="tasks">The racing writers.</param>
    /// <returns>A task.</returns>
    /// <exception cref="TimeoutException">Some had not ended by then.</exception>
    protected async Task WaitForAllAsync(params Task[] tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = Task.WhenAll(tasks);
        using var timer = new System.Threading.CancellationTokenSource();
        var timeout = Task.Delay(WaitTimeout, timer.Token);
        var first = await Task.WhenAny(all, timeout);
        await timer.CancelAsync();
        if (first != all)
        {
            throw new TimeoutException($"{tasks.Count(t => !t.IsCompleted)} of {tasks.Length} racing writers had not ended after {WaitTimeout}.");
        }
    }

    // ---- Builders -------------------------------------------------------------------------

    /// <summary>An actor with two roles.</summary>
    protected static readonly Actor Agent = new("agent-7", "itil", "service_desk");

    /// <summary>An index with every field set unless told otherwise.</summary>
    protected static RecordIndex Index(
        string state = "New",
        bool isOpen = true,
        string? service = "email",
        string? group = "service-desk",
        int? priority = 3,
        Instant? openedAt = null,
        Instant? slaDueAt = null) =>
        new(state, isOpen, service, group, priority, openedAt ?? T0, slaDueAt);

    /// <summary>An audit entry of a record; its version is deliberately wrong unless given (the store numbers entries itself).</summary>
    protected static AuditEntry Entry(
        TenantId tenant,
        string recordType,
        string recordId,
        long version = 999,
        Instant? at = null,
        string command = "Update",
        string fromState = "New",
        string toState = "InProgress",
        Actor? actor = null,
        IReadOnlyDictionary<string, string>? data = null) =>
        new(tenant, recordType, recordId, version, at ?? T0, actor ?? Agent, command, fromState, toState, data ?? new Dictionary<string, string>());

    /// <summary>A write of <paramref name="entries"/> audit entries (at <paramref name="at"/>, one nanosecond apart) with a default state and index.</summary>
    protected static AggregateWrite Write(
        TenantId tenant,
        string recordType,
        string recordId,
        long expectedVersion,
        int entries = 1,
        string? state = null,
        RecordIndex? index = null,
        IdempotencyKey? key = null,
        Instant? at = null)
    {
        var start = at ?? T0;
        var list = Enumerable.Range(0, entries)
            .Select(i => Entry(tenant, recordType, recordId, version: 0, at: start + Duration.FromNanoseconds(i), command: expectedVersion == 0 && i == 0 ? "Open" : "Update"))
            .ToArray();
        return new AggregateWrite(
            tenant,
            recordType,
            recordId,
            expectedVersion,
            state ?? DefaultState(recordId, expectedVersion + entries),
            index ?? Index(),
            list,
            key);
    }

    /// <summary>The state the default write stores.</summary>
    protected static string DefaultState(string recordId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{recordId}\",\"saved\":{version}}}");

    /// <summary>Creates a record at version <paramref name="entries"/> and returns the version.</summary>
    protected static async Task<long> CreateAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, int entries = 1, RecordIndex? index = null)
    {
        var result = await store.SaveAsync(Write(tenant, recordType, recordId, 0, entries, index: index));
        Assert.False(result.Replayed);
        Assert.Equal(entries, result.Version);
        return result.Version;
    }

    // ---- Describing what a store holds ---------------------------------------------------------

    /// <summary>An audit entry as one line with every field (instants to the nanosecond, roles and data sorted).</summary>
    protected static string Describe(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var data = string.Join(",", entry.Data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return string.Join(
            "|",
            entry.Tenant.Value,
            entry.RecordType,
            entry.RecordId,
            entry.Version.ToString(CultureInfo.InvariantCulture),
            Format(entry.At),
            entry.Actor.Id + "[" + string.Join(",", entry.Actor.Roles) + "]",
            entry.Command,
            entry.FromState,
            entry.ToState,
            "{" + data + "}");
    }

    /// <summary>An index as one line.</summary>
    protected static string Describe(RecordIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return string.Join(
            "|",
            index.State,
            index.IsOpen ? "open" : "closed",
            index.Service ?? "<null>",
            index.AssignmentGroup ?? "<null>",
            index.Priority?.ToString(CultureInfo.InvariantCulture) ?? "<null>",
            Format(index.OpenedAt),
            index.SlaDueAt is { } due ? Format(due) : "<null>");
    }

    /// <summary>A record summary as one line.</summary>
    protected static string Describe(RecordSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.Tenant.Value}|{row.RecordType}|{row.RecordId}|v{row.Version}|{Describe(row.Index)}";
    }

    /// <summary>An instant to the nanosecond.</summary>
    protected static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>
    /// Everything the store shows of both tenants: every record (found by an unfiltered query) with
    /// its state and history, the whole audit log, and the given records and idempotency keys even if
    /// absent. Two equal snapshots mean nothing observable was written in between.
    /// </summary>
    protected static async Task<string> SnapshotAsync(IAggregateStore store, IEnumerable<(string Type, string Id)>? records = null, IEnumerable<string>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = new StringBuilder();
        foreach (var tenant in new[] { TenantA, TenantB })
        {
            text.Append("tenant ").AppendLine(tenant.Value);
            var rows = await store.QueryAsync(tenant, new RecordQuery());
            var wanted = rows.Select(r => (r.RecordType, r.RecordId)).Concat(records ?? []).Distinct().ToArray();
            foreach (var row in rows)
            {
                text.Append("row ").AppendLine(Describe(row));
            }

            foreach (var (type, id) in wanted)
            {
                var loaded = await store.LoadAsync(tenant, type, id);
                text.Append("load ").Append(type).Append(' ').Append(id).Append(": ")
                    .AppendLine(loaded is null ? "<none>" : $"v{loaded.Version} {loaded.State} {Describe(loaded.Index)}");
                foreach (var entry in await store.ReadHistoryAsync(tenant, type, id))
                {
                    text.Append("history ").AppendLine(Describe(entry));
                }
            }

            foreach (var entry in await store.ReadAuditAsync(tenant, AllTime))
            {
                text.Append("audit ").AppendLine(Describe(entry));
            }

            foreach (var key in keys ?? [])
            {
                var found = await store.FindIdempotencyKeyAsync(tenant, key);
                text.Append("key ").Append(key).Append(": ").AppendLine(found?.ToString() ?? "<none>");
            }
        }

        return text.ToString();
    }

    /// <summary>Asserts a <see cref="ConcurrencyException"/> (exactly that type) with its key and versions.</summary>
    protected static async Task<ConcurrencyException> AssertConcurrencyAsync(Func<Task> save, TenantId tenant, string recordType, string recordId, long expected, long actual)
    {
        var error = await Assert.ThrowsAsync<ConcurrencyException>(save);
        Assert.Equal(ConcurrencyException.ErrorCode, error.Code);
        Assert.Equal(tenant, error.Tenant);
        Assert.Equal(recordType, error.RecordType);
        Assert.Equal(recordId, error.RecordId);
        Assert.Equal(expected, error.ExpectedVersion);
        Assert.Equal(actual, error.ActualVersion);
        return error;
    }
}
