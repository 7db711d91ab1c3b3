using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Engine;

/// <summary>Ticket numbers as the engine shows them: formatted, parsed, on records, and found by.</summary>
public sealed class TicketNumberTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine NewEngine(TicketNumbering? numbering = null) =>
        new(_store, ItsmAuthorizers.AllowAll, _clock, numbering is null ? null : new ItsmEngineOptions { TicketNumbers = numbering });

    private static OpenIncident Open(string caller = "caller.jones") => new(caller, "Mail relay down", Impact.High, Urgency.High, new ServiceId("email"));

    [Theory]
    [InlineData("Incident", 42L, "INC0000042")]
    [InlineData("Problem", 7L, "PRB0000007")]
    [InlineData("Change", 1L, "CHG0000001")]
    [InlineData("ServiceRequest", 1234567L, "REQ1234567")]
    [InlineData("Interaction", 12345678L, "IMS12345678")]
    [InlineData("ImprovementItem", 3L, "CIM0000003")]
    public void Default_FormatsWithServiceNowPrefixesAndSevenDigits(string type, long number, string expected)
    {
        Assert.Equal(expected, TicketNumbering.Default.Format(type, number));
        Assert.True(TicketNumbering.Default.TryParse(expected, out var parsedType, out var parsed));
        Assert.Equal((type, number), (parsedType, parsed));
    }

    /// <summary>
    /// Any prefix, padding and number format as .NET's own zero-padded formatting does (<c>"D" + digits</c>), from 1 to
    /// <see cref="long.MaxValue"/> and past the padding (<c>INC10000000</c>): the in-place formatter's reference.
    /// </summary>
    /// <returns>The property.</returns>
    [Property(MaxTest = 2000)]
    public Property Format_agrees_with_dotnets_zero_padded_number()
    {
        var numbers = Gen.Frequency(
            (3, Gen.Choose(1, 99_999_999).Select(n => (long)n)),
            (2, Gen.Elements(1L, 9L, 10L, 9_999_999L, 10_000_000L, 999_999_999_999_999_999L, long.MaxValue - 1, long.MaxValue)),
            (2, ArbMap.Default.GeneratorFor<long>().Select(n => n == long.MinValue ? long.MaxValue : Math.Max(1, Math.Abs(n)))));
        var prefixes = Gen.Choose(1, TicketNumbering.MaxPrefixLength).SelectMany(n => Gen.ArrayOf(Gen.Elements('I', 'N', 'C', 'k', 'b'), n)).Select(c => new string(c));
        return Prop.ForAll(
            (from prefix in prefixes from digits in Gen.Choose(1, TicketNumbering.MaxDigits) from number in numbers select (prefix, digits, number)).ToArbitrary(),
            t =>
            {
                var numbering = new TicketNumbering { Prefixes = new Dictionary<string, string> { ["Incident"] = t.prefix }, Digits = t.digits };
                string expected = t.prefix + t.number.ToString("D" + t.digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(expected, numbering.Format("Incident", t.number));
            });
    }

    [Theory]
    [InlineData("inc42", "Incident", 42L)]
    [InlineData(" INC0000042 ", "Incident", 42L)]
    [InlineData("Prb000000000000000001", "Problem", 1L)]
    public void TryParse_TakesAnyCaseAndOptionalZeros(string text, string type, long number)
    {
        Assert.True(TicketNumbering.Default.TryParse(text, out var parsedType, out var parsed));
        Assert.Equal((type, number), (parsedType, parsed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC")]
    [InlineData("0000042")]
    [InlineData("INC0000000")]
    [InlineData("XYZ0000042")]
    [InlineData("INC-42")]
    [InlineData("INC42a")]
    [InlineData("INC1234567890123456789")]
    public void TryParse_RefusesWhatIsNoNumber(string? text) =>
        Assert.False(TicketNumbering.Default.TryParse(text, out _, out _));

    [Fact]
    public void Options_ListEveryProblemWithTheNumbering()
    {
        var prefixes = new Dictionary<string, string>(TicketNumbering.Default.Prefixes) { ["Problem"] = "inc", ["Change"] = "C-H" };
        prefixes.Remove("Interaction");
        var options = new ItsmEngineOptions { TicketNumbers = new TicketNumbering { Prefixes = prefixes, Digits = 0 } };

        Assert.Equal(
            [
                "TicketNumbers: Digits is 0; it must be 1 to 18.",
                "TicketNumbers: Incident and Problem share the prefix 'inc'.",
                "TicketNumbers: the prefix of Change must be 1 to 8 ASCII letters.",
                "TicketNumbers: record type Interaction has no prefix.",
            ],
            options.Validate());
        Assert.Throws<ArgumentException>("options", () => NewEngine(options.TicketNumbers));
    }

    [Fact]
    public async Task Create_GivesTheRecordItsNumber_AndALoadShowsIt()
    {
        var engine = NewEngine();
        var first = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open());
        var second = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open());
        var problem = await engine.Problems.CreateAsync(Tenant, new ProblemId(Guid.NewGuid()), Agent, new OpenProblem("Relay keeps failing"));

        Assert.Equal(("INC0000001", "INC0000002", "PRB0000001"), (first.Record.Number, second.Record.Number, problem.Record.Number));
        Assert.Equal("INC0000002", (await engine.Incidents.GetAsync(Tenant, second.Record.Id, Agent)).Number);
        var rows = await engine.Incidents.QueryAsync(Tenant, Agent);
        Assert.Equal(["INC0000001", "INC0000002"], rows.Select(r => engine.Incidents.FormatNumber(r.Number)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindByNumber_FindsTheRecord_AndRefusesAnotherTypesNumber()
    {
        var engine = NewEngine(TicketNumbering.Default with { Digits = 4 });
        var created = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open());

        Assert.Equal("INC0001", created.Record.Number);
        Assert.Equal(created.Record.Id, (await engine.Incidents.FindByNumberAsync(Tenant, "inc1", Agent))?.Id);
        Assert.Null(await engine.Incidents.FindByNumberAsync(Tenant, "INC0002", Agent));
        Assert.Null(await engine.Incidents.FindByNumberAsync(new TenantId("other"), "INC0001", Agent));
        var wrongType = await Assert.ThrowsAsync<ArgumentException>("number", () => engine.Incidents.FindByNumberAsync(Tenant, "PRB0001", Agent));
        Assert.StartsWith("'PRB0001' is a number of type Problem; this service reads Incident records.", wrongType.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>("number", () => engine.Incidents.FindByNumberAsync(Tenant, "nonsense", Agent));
    }

    [Fact]
    public async Task AnIdempotentCreateRetriedWithANewId_ReturnsTheFirstRecordsNumber()
    {
        var engine = NewEngine();
        var options = new CommandOptions { IdempotencyKey = "open-once" };
        var first = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open(), options);
        var retry = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open(), options);
        var next = await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open("caller.other"));

        Assert.True(retry.Replayed);
        Assert.Equal(("INC0000001", "INC0000001", "INC0000002"), (first.Record.Number, retry.Record.Number, next.Record.Number));
    }

    [Fact]
    public async Task RecordsSavedTogether_GetTheirNumbersInOrder()
    {
        var engine = NewEngine();
        await engine.Incidents.CreateAsync(Tenant, new IncidentId(Guid.NewGuid()), Agent, Open());
        var records = Enumerable.Range(0, 3)
            .Select(i => Incident.Open(Tenant, new IncidentId(Guid.NewGuid()), Agent, $"caller.{i}", "Printer jam", Impact.Low, Urgency.Low, _clock, service: new ServiceId("print")))
            .ToArray();

        await engine.Incidents.SaveAllAsync(records, Agent);

        Assert.Equal(["INC0000002", "INC0000003", "INC0000004"], records.Select(r => r.Number ?? "(none)"));
    }
}
