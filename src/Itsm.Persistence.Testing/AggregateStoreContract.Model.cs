using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Persistence.Testing;

// The model-based property: random interleavings of several writers' loads, saves (fresh, stale,
// keyed), replays, queries, audit reads and key look-ups agree, step by step, with StoreModel.
public abstract partial class AggregateStoreContract
{
    private const int ModelWriters = 3;
    private static readonly TenantId[] ModelTenants = [TenantA, TenantB];
    private static readonly string[] ModelTypes = [IncidentType, ProblemType];
    private static readonly string[] ModelIds = ["r1", "R2", "r3"]; // ordinal order R2 < r1 < r3 differs from a case-insensitive one
    private static readonly string[] ModelStates = ["New", "InProgress", "Resolved"];
    private static readonly string?[] ModelServices = [null, "email", "erp"];
    private static readonly string?[] ModelGroups = [null, "desk", "network"];
    private static readonly Actor[] ModelActors = [new("agent-1", "itil"), new("agent-2"), new("system", "automation", "itil")];
    private static readonly int ModelTargets = ModelTenants.Length * ModelTypes.Length * ModelIds.Length;

    /// <summary>Random interleavings of several writers' loads, fresh and stale saves, keyed saves, replays, queries, audit reads and key look-ups over two tenants agree, step by step and in the final contents, with the suite's own plain model of a store (ModelBasedRuns runs, each on a fresh store).</summary>
    [Fact]
    public void Random_interleavings_of_writers_agree_with_the_model()
    {
        var property = Prop.ForAll(ModelOpsGen.ToArbitrary(), ops => RunOnFreshStore(store => RunModelAsync(store, ops)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(ModelBasedRuns), property);
    }

    private static (TenantId Tenant, string Type, string Id) TargetOf(int target) =>
        (ModelTenants[target % ModelTenants.Length], ModelTypes[target / ModelTenants.Length % ModelTypes.Length], ModelIds[target / (ModelTenants.Length * ModelTypes.Length)]);

    private static async Task RunModelAsync(IAggregateStore store, ModelOp[] ops)
    {
        var model = new StoreModel();
        var loaded = new Dictionary<(int Writer, int Target), long>();
        var sent = new List<AggregateWrite>();
        var trace = new StringBuilder();
        for (int step = 0; step < ops.Length; step++)
        {
            var op = ops[step];
            trace.Append(step).Append(": ").AppendLine(op.ToString());
            string expected;
            string actual;
            switch (op)
            {
                case LoadOp load:
                {
                    var (tenant, type, id) = TargetOf(load.Target);
                    var want = model.Load(tenant, type, id);
                    var got = await store.LoadAsync(tenant, type, id);
                    expected = DescribeLoaded(want);
                    actual = DescribeLoaded(got);
                    loaded[(load.Writer, load.Target)] = want?.Version ?? 0;
                    break;
                }

                case SaveOp save:
                {
                    var write = BuildWrite(save, loaded.GetValueOrDefault((save.Writer, save.Target)));
                    sent.Add(write);
                    var want = model.Save(write);
                    expected = want.ToString();
                    actual = (await SaveOutcomeAsync(store, write)).ToString();
                    if (want.Kind == "saved")
                    {
                        loaded[(save.Writer, save.Target)] = want.Version;
                    }

                    break;
                }

                case ReplayOp replay when sent.Count > 0:
                {
                    var write = sent[replay.Pick % sent.Count];
                    expected = model.Save(write).ToString();
                    actual = (await SaveOutcomeAsync(store, write)).ToString();
                    break;
                }

                case ReplayOp:
                    continue;

                case QueryOp query:
                {
                    var tenant = ModelTenants[query.Tenant];
                    expected = string.Join("\n", model.Query(tenant, query.Query).Select(Describe));
                    actual = string.Join("\n", (await store.QueryAsync(tenant, query.Query)).Select(Describe));
                    break;
                }

                case AuditOp audit:
                {
                    var tenant = ModelTenants[audit.Tenant];
                    var start = T0 + Duration.FromSeconds(Math.Min(audit.From, audit.To));
                    var end = T0 + Duration.FromSeconds(Math.Max(audit.From, audit.To));
                    expected = string.Join("\n", model.Audit(tenant, start, end).Select(Describe));
                    actual = string.Join("\n", (await store.ReadAuditAsync(tenant, new Interval(start, end))).Select(Describe));
                    break;
                }

                case FindKeyOp find:
                {
                    var tenant = ModelTenants[find.Tenant];
                    expected = model.FindKey(tenant, "key-" + find.Key)?.ToString() ?? "<none>";
                    actual = (await store.FindIdempotencyKeyAsync(tenant, "key-" + find.Key))?.ToString() ?? "<none>";
                    break;
                }

                default:
                    throw new InvalidOperationException("Unknown operation " + op);
            }

            Assert.True(
                string.Equals(expected, actual, StringComparison.Ordinal),
                $"The store disagrees with the model at step {step}.\nSteps:\n{trace}\nModel:\n{expected}\nStore:\n{actual}");
        }

        // At the end, everything the store holds agrees with the model.
        var keys = Enumerable.Range(0, 3).Select(k => "key-" + k).ToArray();
        var wantAll = new StringBuilder();
        var gotAll = new StringBuilder();
        foreach (var tenant in ModelTenants)
        {
            for (int target = 0; target < ModelTargets; target++)
            {
                var (t, type, id) = TargetOf(target);
                if (t != tenant)
                {
                    continue;
                }

                wantAll.AppendLine(DescribeLoaded(model.Load(tenant, type, id)));
                gotAll.AppendLine(DescribeLoaded(await store.LoadAsync(tenant, type, id)));
                wantAll.AppendLine(string.Join("\n", model.History(tenant, type, id).Select(Describe)));
                gotAll.AppendLine(string.Join("\n", (await store.ReadHistoryAsync(tenant, type, id)).Select(Describe)));
            }

            wantAll.AppendLine(string.Join("\n", model.Audit(tenant, MinSupported, MaxSupported).Select(Describe)));
            gotAll.AppendLine(string.Join("\n", (await store.ReadAuditAsync(tenant, AllTime)).Select(Describe)));
            wantAll.AppendLine(string.Join("\n", model.Query(tenant, new RecordQuery()).Select(Describe)));
            gotAll.AppendLine(string.Join("\n", (await store.QueryAsync(tenant, new RecordQuery())).Select(Describe)));
            foreach (var key in keys)
            {
                wantAll.AppendLine(model.FindKey(tenant, key)?.ToString() ?? "<none>");
                gotAll.AppendLine((await store.FindIdempotencyKeyAsync(tenant, key))?.ToString() ?? "<none>");
            }
        }

        Assert.True(
            string.Equals(wantAll.ToString(), gotAll.ToString(), StringComparison.Ordinal),
            $"The store's final contents disagree with the model.\nSteps:\n{trace}\nModel:\n{wantAll}\nStore:\n{gotAll}");
    }

    private static string DescribeLoaded(StoredAggregate? record) =>
        record is null ? "<none>" : $"{record.Tenant.Value}|{record.RecordType}|{record.RecordId}|v{record.Version}|{record.State}|{Describe(record.Index)}";

    private static async Task<StoreModel.Outcome> SaveOutcomeAsync(IAggregateStore store, AggregateWrite write)
    {
        try
        {
            var result = await store.SaveAsync(write);
            return new StoreModel.Outcome(result.Replayed ? "replayed" : "saved", result.Version);
        }
        catch (ConcurrencyException error) when (error.Tenant == write.Tenant && error.RecordType == write.RecordType && error.RecordId == write.RecordId)
        {
            return new StoreModel.Outcome("concurrency", error.ExpectedVersion, error.ActualVersion);
        }
        catch (IdempotencyConflictException error) when (error.Tenant == write.Tenant && error.Key == write.Idempotency?.Key)
        {
            return new StoreModel.Outcome("idempotency-conflict", 0);
        }
    }

    private static AggregateWrite BuildWrite(SaveOp save, long expectedVersion)
    {
        var (tenant, type, id) = TargetOf(save.Target);
        var at = T0 + Duration.FromSeconds(save.AtSecond);
        var entries = Enumerable.Range(0, save.Entries)
            .Select(i => new AuditEntry(
                tenant,
                type,
                id,
                save.Seed + i,
                at + Duration.FromNanoseconds(i % 2),
                ModelActors[(save.Seed + i) % ModelActors.Length],
                "Command" + ((save.Seed + i) % 4).ToString(CultureInfo.InvariantCulture),
                ModelStates[i % ModelStates.Length],
                save.Index.State,
                i % 2 == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["writer"] = save.Writer.ToString(CultureInfo.InvariantCulture), ["seed"] = save.Seed.ToString(CultureInfo.InvariantCulture) }))
            .ToArray();
        string state = string.Create(CultureInfo.InvariantCulture, $"{{\"writer\":{save.Writer},\"seed\":{save.Seed},\"from\":{expectedVersion}}}");
        IdempotencyKey? key = save.Key is { } k ? new IdempotencyKey("key-" + k, "fp-" + save.Fingerprint) : null;
        return new AggregateWrite(tenant, type, id, expectedVersion, state, save.Index, entries, key);
    }

    private static Gen<T> Pick<T>(T[] values) => Gen.Elements(values);

    private static Gen<RecordIndex> ModelIndexGen =>
        from state in Pick(ModelStates)
        from isOpen in Gen.Elements(true, false)
        from service in Pick(ModelServices)
        from assignmentGroup in Pick(ModelGroups)
        from priority in Gen.Elements<int?>(null, 1, 3)
        from opened in Gen.Choose(0, 3)
        from due in Gen.Elements<int?>(null, 0, 1, 2, 3)
        select new RecordIndex(state, isOpen, service, assignmentGroup, priority, T0 + Duration.FromHours(opened), due is { } h ? T0 + Duration.FromHours(h) : null);

    private static Gen<RecordQuery> ModelQueryGen =>
        from type in Gen.Elements<string?>(null, null, IncidentType, ProblemType)
        from state in Gen.Elements<string?>(null, null, "New", "Resolved")
        from service in Gen.Elements<string?>(null, null, "email")
        from assignmentGroup in Gen.Elements<string?>(null, null, "desk")
        from openOnly in Gen.Elements(false, true)
        from withSla in Gen.Elements(false, true)
        from before in Gen.Elements<int?>(null, null, 1, 2, 4)
        from limit in Gen.Elements<int?>(null, null, 1, 2, 5)
        select new RecordQuery
        {
            RecordType = type,
            State = state,
            Service = service,
            AssignmentGroup = assignmentGroup,
            OpenOnly = openOnly,
            WithSlaDueOnly = withSla,
            SlaDueBefore = before is { } h ? T0 + Duration.FromHours(h) : null,
            Limit = limit,
        };

    private static Gen<ModelOp> ModelOpGen =>
        Gen.Frequency(
            (4, from w in Gen.Choose(0, ModelWriters - 1) from t in Gen.Choose(0, ModelTargets - 1) select (ModelOp)new LoadOp(w, t)),
            (6, from w in Gen.Choose(0, ModelWriters - 1)
                from t in Gen.Choose(0, ModelTargets - 1)
                from n in Gen.Choose(1, 3)
                from seed in Gen.Choose(0, 99)
                from index in ModelIndexGen
                from keyed in Gen.Elements(false, true)
                from key in Gen.Choose(0, 2)
                from fp in Gen.Choose(0, 1)
                from at in Gen.Choose(0, 20)
                select (ModelOp)new SaveOp(w, t, n, seed, index, keyed ? key : null, fp, at)),
            (2, Gen.Choose(0, 1000).Select(p => (ModelOp)new ReplayOp(p))),
            (2, from t in Gen.Choose(0, 1) from q in ModelQueryGen select (ModelOp)new QueryOp(t, q)),
            (1, from t in Gen.Choose(0, 1) from a in Gen.Choose(-1, 22) from b in Gen.Choose(-1, 22) select (ModelOp)new AuditOp(t, a, b)),
            (1, from t in Gen.Choose(0, 1) from k in Gen.Choose(0, 2) select (ModelOp)new FindKeyOp(t, k)));

    private static Gen<ModelOp[]> ModelOpsGen => Gen.Choose(1, 60).SelectMany(n => Gen.ArrayOf(ModelOpGen, n));

    /// <summary>One step of the model-based property.</summary>
    private abstract record ModelOp;

    /// <summary>A writer loads a record (and remembers its version).</summary>
    private sealed record LoadOp(int Writer, int Target) : ModelOp;

    /// <summary>A writer saves a record from the version it last loaded or saved (0 if never).</summary>
    private sealed record SaveOp(int Writer, int Target, int Entries, int Seed, RecordIndex Index, int? Key, int Fingerprint, int AtSecond) : ModelOp;

    /// <summary>An earlier write is sent again, exactly as it was.</summary>
    private sealed record ReplayOp(int Pick) : ModelOp;

    /// <summary>A query of a tenant.</summary>
    private sealed record QueryOp(int Tenant, RecordQuery Query) : ModelOp;

    /// <summary>An audit read of a tenant over [T0 + From s, T0 + To s) (ends sorted).</summary>
    private sealed record AuditOp(int Tenant, int From, int To) : ModelOp;

    /// <summary>A key look-up.</summary>
    private sealed record FindKeyOp(int Tenant, int Key) : ModelOp;
}
