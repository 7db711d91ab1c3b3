using System;
using System.Linq;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteInstantTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("1677-09-21T00:12:43.145224192Z", long.MinValue)]
    [InlineData("1969-12-31T23:59:59.999999999Z", -1L)]
    [InlineData("1970-01-01T00:00:00Z", 0L)]
    [InlineData("2025-03-10T09:00:00.000000001Z", 1_741_597_200_000_000_001L)]
    [InlineData("2262-04-11T23:47:16.854775807Z", long.MaxValue)]
    public async Task Instants_are_stored_as_exact_nanoseconds_since_1970_and_read_back_exactly(string text, long nanoseconds)
    {
        var instant = InstantPattern.ExtendedIso.Parse(text).Value;
        var path = _directory.NewDatabase();
        var store = Store(path);

        await store.SaveAsync(new AggregateWrite(Tenant, "Incident", "INC-1", 0, "{}", Index(openedAt: instant, slaDueAt: instant), [Entry("INC-1", at: instant)]));

        Assert.Equal(nanoseconds, Sql.Scalar(path, "SELECT opened_at FROM records"));
        Assert.Equal(nanoseconds, Sql.Scalar(path, "SELECT sla_due_at FROM records"));
        Assert.Equal(nanoseconds, Sql.Scalar(path, "SELECT at FROM audit"));
        var loaded = await store.LoadAsync(Tenant, "Incident", "INC-1");
        Assert.Equal(instant, loaded?.Index.OpenedAt);
        Assert.Equal(instant, loaded?.Index.SlaDueAt);
        Assert.Equal(instant, Assert.Single(await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).At);
        Assert.Equal(instant, Assert.Single(await store.ReadAuditAsync(Tenant, new Interval(Instant.MinValue, Instant.MaxValue))).At);
        Assert.Single(await store.QueryAsync(Tenant, new RecordQuery { SlaDueBefore = Instant.MaxValue }));
        Assert.Empty(await store.QueryAsync(Tenant, new RecordQuery { SlaDueBefore = instant }));
    }

    [Fact]
    public async Task State_and_text_fields_round_trip_exactly_even_with_NUL_characters()
    {
        var store = Store(_directory.NewDatabase());
        const string state = "{\"a\":\"x\u0000y\"}\u0000tail";
        var data = new System.Collections.Generic.Dictionary<string, string> { ["k\u0000"] = "v\u0000w" };

        await store.SaveAsync(new AggregateWrite(Tenant, "Incident", "INC-1", 0, state, Index(), [Entry("INC-1", data: data)]));

        Assert.Equal(state, (await store.LoadAsync(Tenant, "Incident", "INC-1"))?.State);
        Assert.Equal("v\u0000w", Assert.Single(await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).Data["k\u0000"]);
    }

    [Fact]
    public async Task Neighbouring_nanoseconds_stay_distinct_and_ordered()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Write("INC-" + i, 0, index: Index(openedAt: T0 + Duration.FromNanoseconds(4 - i)), at: T0 + Duration.FromNanoseconds(i)));
        }

        Assert.Equal(["INC-4", "INC-3", "INC-2", "INC-1", "INC-0"], (await store.QueryAsync(Tenant, new RecordQuery())).Select(r => r.RecordId));
        Assert.Equal(["INC-1", "INC-2"], (await store.ReadAuditAsync(Tenant, new Interval(T0 + Duration.Epsilon, T0 + Duration.FromNanoseconds(3)))).Select(e => e.RecordId));
    }
}
