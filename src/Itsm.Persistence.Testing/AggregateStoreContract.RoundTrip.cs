using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Persistence.Testing;

// Load/save round trips: every field, exactly.
public abstract partial class AggregateStoreContract
{
    /// <summary>Instants at the edges of the supported range and around the epoch, at odd nanoseconds.</summary>
    public static TheoryData<string> EdgeInstants() =>
    [
        "1678-09-22T00:00:00Z",
        "1678-09-22T00:00:00.000000001Z",
        "1678-09-22T23:59:59.999999999Z",
        "1969-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "1970-01-01T00:00:00.000000001Z",
        "2025-03-30T01:00:00.123456789Z",
        "2262-04-10T00:00:00.000000001Z",
        "2262-04-10T23:59:59.999999999Z",
    ];

    /// <summary>Load of a record never saved returns null, and its history is empty.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Load_of_a_missing_record_returns_null()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.LoadAsync(TenantA, IncidentType, "INC-1"));
        Assert.Empty(await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1"));
    }

    /// <summary>A saved record loads back with its key, version, state text (Unicode, escapes and whitespace untouched) and index exactly.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_then_Load_returns_the_key_version_state_and_index_exactly()
    {
        var store = await NewStoreAsync();
        const string state = "{ \"title\" : \"Mail down – café ☕ 😀\",\n\t\"tags\": [\"a\", \"B\"], \"escaped\": \"\\u00e9\\\"\", \"n\": 1.50, \"none\": null }";
        var index = new RecordIndex("InProgress", true, "e-mail (EU)", "Service Desk ß", 1, T0 + Duration.FromNanoseconds(123_456_789), T0 + Duration.FromHours(4) + Duration.FromNanoseconds(1));

        var result = await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 2, state: state, index: index));

        Assert.Equal(new SaveResult(2, false) { Numbers = [1] }, result);
        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.NotNull(loaded);
        Assert.Equal(TenantA, loaded.Tenant);
        Assert.Equal(IncidentType, loaded.RecordType);
        Assert.Equal("INC-1", loaded.RecordId);
        Assert.Equal(2, loaded.Version);
        Assert.Equal(state, loaded.State);
        Assert.Equal(index, loaded.Index);
        Assert.Equal(index.OpenedAt, loaded.Index.OpenedAt);
        Assert.Equal(index.SlaDueAt, loaded.Index.SlaDueAt);
    }

    /// <summary>Null index fields (service, group, priority, due instant) load back as null.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_then_Load_keeps_null_index_fields_null()
    {
        var store = await NewStoreAsync();
        var index = new RecordIndex("Closed", false, null, null, null, T0, null);

        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, index: index));

        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.NotNull(loaded);
        Assert.Equal(index, loaded.Index);
        Assert.Null(loaded.Index.Service);
        Assert.Null(loaded.Index.AssignmentGroup);
        Assert.Null(loaded.Index.Priority);
        Assert.Null(loaded.Index.SlaDueAt);
        Assert.False(loaded.Index.IsOpen);
    }

    /// <summary>Every audit field (tenant, record, version numbered by the store, time to the nanosecond, actor and roles, command, states and data) reads back exactly.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_then_ReadHistory_returns_every_audit_field_exactly()
    {
        var store = await NewStoreAsync();
        var data = new Dictionary<string, string>
        {
            ["onHoldReason"] = "AwaitingCaller",
            ["comment"] = "Line 1\nLine 2 – \"quoted\" ☕",
            ["empty"] = string.Empty,
        };
        var first = Entry(TenantA, IncidentType, "INC-1", version: 42, at: T0 + Duration.FromNanoseconds(1), command: "Open", fromState: "None", toState: "New", actor: new Actor("caller@example.com"));
        var second = Entry(TenantA, IncidentType, "INC-1", version: 7, at: T0 + Duration.FromMinutes(5) + Duration.FromNanoseconds(999_999_999), command: "PutOnHold", fromState: "New", toState: "OnHold", actor: new Actor("agent-7", "service_desk", "itil", "itil"), data: data);

        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [first, second]));

        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(2, history.Count);
        AssertEntry(first with { Version = 1 }, history[0]);
        AssertEntry(second with { Version = 2 }, history[1]);
        Assert.Empty(history[0].Actor.Roles);
        Assert.Equal(["itil", "service_desk"], history[1].Actor.Roles);
        Assert.Equal(3, history[1].Data.Count);
        Assert.Equal(string.Empty, history[1].Data["empty"]);
        Assert.Equal(data["comment"], history[1].Data["comment"]);
    }

    /// <summary>Instants at the edges of the supported range and around the Unix epoch round-trip to the nanosecond, in the index and in the audit log.</summary>
    /// <param name="text">The instant, in NodaTime's extended ISO pattern.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(EdgeInstants))]
    public async Task Instants_round_trip_to_the_nanosecond(string text)
    {
        var instant = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
        var store = await NewStoreAsync();
        var index = Index(openedAt: instant, slaDueAt: instant);

        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", index, [Entry(TenantA, IncidentType, "INC-1", at: instant)]));

        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.NotNull(loaded);
        Assert.Equal(instant, loaded.Index.OpenedAt);
        Assert.Equal(instant, loaded.Index.SlaDueAt);
        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(instant, Assert.Single(history).At);
        var audit = await store.ReadAuditAsync(TenantA, new Interval(instant, instant + Duration.FromNanoseconds(1)));
        Assert.Equal(instant, Assert.Single(audit).At);
    }

    /// <summary>Any generated record (JSON state with awkward text, any index, one to four audit entries with any actors and data, instants anywhere in the supported range) round-trips exactly (PropertyRuns runs, each on a fresh store).</summary>
    [Fact]
    public void Any_record_round_trips_exactly()
    {
        var gen =
            from state in JsonStateGen
            from index in IndexGen
            from entries in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(EntryGen, n))
            select (state, index, entries);
        var property = Prop.ForAll(gen.ToArbitrary(), sample => RunOnFreshStore(async store =>
        {
            var (state, index, entries) = sample;
            var stamped = entries.Select(e => e with { Tenant = TenantB, RecordType = IncidentType, RecordId = "INC-9" }).ToArray();
            var result = await store.SaveAsync(new AggregateWrite(TenantB, IncidentType, "INC-9", 0, state, index, stamped));
            Assert.Equal(new SaveResult(stamped.Length, false) { Numbers = [1] }, result);

            var loaded = await store.LoadAsync(TenantB, IncidentType, "INC-9");
            Assert.NotNull(loaded);
            Assert.Equal(state, loaded.State);
            Assert.Equal(Describe(index), Describe(loaded.Index));
            Assert.Equal(index, loaded.Index);
            var history = await store.ReadHistoryAsync(TenantB, IncidentType, "INC-9");
            Assert.Equal(
                stamped.Select((e, i) => Describe(e with { Version = i + 1 })),
                history.Select(Describe));
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns), property);
    }

    /// <summary>Asserts two audit entries are equal field by field (the record's own equality compares Data by reference).</summary>
    protected static void AssertEntry(AuditEntry expected, AuditEntry actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Tenant, actual.Tenant);
        Assert.Equal(expected.RecordType, actual.RecordType);
        Assert.Equal(expected.RecordId, actual.RecordId);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Actor.Roles, actual.Actor.Roles);
        Assert.Equal(expected.Command, actual.Command);
        Assert.Equal(expected.FromState, actual.FromState);
        Assert.Equal(expected.ToState, actual.ToState);
        Assert.Equal(
            expected.Data.OrderBy(p => p.Key, System.StringComparer.Ordinal),
            actual.Data.OrderBy(p => p.Key, System.StringComparer.Ordinal));
    }

    // ---- Generators for the round-trip property -------------------------------------------------

    private static readonly string[] TextPieces = ["a", "Z", " ", "é", "ß", "☕", "😀", "\"", "\\", "'", "\n", "\t", "0", "{", "}", "–", "\u0000"];

    private static Gen<string> TextGen(int min) =>
        from n in Gen.Choose(min, 12)
        from pieces in Gen.ArrayOf(Gen.Elements(TextPieces), n)
        select string.Concat(pieces);

    private static Gen<string> NameGen =>
        from head in Gen.Elements("a", "Z", "é", "☕", "x-1", "Service Desk")
        from tail in TextGen(0)
        select (head + tail.Replace("\u0000", string.Empty, System.StringComparison.Ordinal)).Trim() is { Length: > 0 } s ? s : head;

    /// <summary>Names that may be keys or indexed text (IdText): no control characters.</summary>
    private static Gen<string> IdNameGen =>
        from head in Gen.Elements("a", "Z", "é", "☕", "x-1", "Service Desk")
        from tail in TextGen(0)
        select (head + new string(tail.Where(c => !char.IsControl(c)).ToArray())).Trim() is { Length: > 0 } s ? s : head;

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Gen<string> JsonStateGen =>
        from text in TextGen(0)
        from number in Gen.Choose(int.MinValue, int.MaxValue)
        from relaxed in Gen.Elements(false, true)
        from spacing in Gen.Elements(string.Empty, " ", "\n  ", "\r\n\t")
        let encoded = relaxed ? JsonSerializer.Serialize(text, RelaxedJson) : JsonSerializer.Serialize(text)
        select "{" + spacing + "\"text\":" + spacing + encoded + "," + spacing + "\"n\": " + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + spacing + "}";

    /// <summary>Any instant in the supported range, to the nanosecond, often near its edges.</summary>
    protected static Gen<Instant> SupportedInstantGen
    {
        get
        {
            int days = (int)(MaxSupported - MinSupported).Days;
            var anywhere =
                from day in Gen.Choose(0, days - 1)
                from second in Gen.Choose(0, 86_399)
                from nanos in Gen.Choose(0, 999_999_999)
                select MinSupported + Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos);
            var nearEdges =
                from low in Gen.Elements(true, false)
                from nanos in Gen.Choose(0, int.MaxValue)
                select low ? MinSupported + Duration.FromNanoseconds(nanos) : MaxSupported - Duration.FromNanoseconds(nanos + 1L);
            return Gen.Frequency((3, anywhere), (1, nearEdges));
        }
    }

    private static Gen<string?> OptionalNameGen => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, IdNameGen.Select(s => (string?)s)));

    private static Gen<RecordIndex> IndexGen =>
        from state in IdNameGen
        from isOpen in Gen.Elements(true, false)
        from service in OptionalNameGen
        from assignmentGroup in OptionalNameGen
        from priority in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(int.MinValue, int.MaxValue).Select(p => (int?)p)))
        from openedAt in SupportedInstantGen
        from hasDue in Gen.Elements(true, false)
        from due in SupportedInstantGen
        select new RecordIndex(state, isOpen, service, assignmentGroup, priority, openedAt, hasDue ? due : null);

    private static Gen<Actor> ActorGen =>
        from id in IdNameGen
        from roleCount in Gen.Choose(0, 4)
        from roles in Gen.ArrayOf(NameGen, roleCount)
        select new Actor(id, roles);

    private static Gen<AuditEntry> EntryGen =>
        from at in SupportedInstantGen
        from actor in ActorGen
        from command in NameGen
        from fromState in NameGen
        from toState in NameGen
        from pairCount in Gen.Choose(0, 4)
        from keys in Gen.ArrayOf(NameGen, pairCount)
        from values in Gen.ArrayOf(TextGen(0), pairCount)
        from version in Gen.Choose(-5, 1000)
        select new AuditEntry(
            TenantB,
            IncidentType,
            "INC-9",
            version,
            at,
            actor,
            command,
            fromState,
            toState,
            keys.Zip(values).DistinctBy(p => p.First, System.StringComparer.Ordinal).ToDictionary(p => p.First, p => p.Second, System.StringComparer.Ordinal));
}
