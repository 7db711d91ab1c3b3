using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Itsm.Core.Tests.Hardening;

/// <summary>
/// Engine commands and reads with extreme values (NodaTime's extreme instants and durations, open intervals, extreme
/// numbers, huge and hostile strings): each succeeds or is refused with the documented exception (an
/// <see cref="ArgumentException"/> naming the parameter, or one of the engine's typed errors with a code), never
/// another library's exception, and nothing is half-written.
/// </summary>
public sealed class EngineExtremesTests(ITestOutputHelper output)
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil", "change_coordinator", "problem_manager", "improvement_manager");
    private static readonly string Huge = new('h', 10 * 1024 * 1024);
    private static readonly string Hostile = "\u0000\u001b[31m\uD800x\uDC00";

    // Two agreements: one on the UK office calendar, one around the clock, so the clocks run at the ends of time too.
    private static ItsmEngine Engine(Instant now) => new(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, new FakeClock(now), new ItsmEngineOptions
    {
        Agreements = [Sla.SlaFixtures.AgreementOf(Sla.SlaFixtures.ResolutionTarget()), Sla.SlaFixtures.AgreementOf(Sla.SlaFixtures.ResolutionTarget() with { CalendarId = null }, "SLA-24x7")],
        Calendars = new Dictionary<string, Itsm.BusinessTime.BusinessCalendar>(StringComparer.Ordinal) { ["uk-office"] = Sla.SlaFixtures.UkOffice },
    });

    public static IEnumerable<object[]> Clocks() =>
    [
        [Instant.FromUtc(2026, 12, 3, 9, 0)],
        [Instant.MinValue],
        [Instant.MaxValue],
        [Instant.MaxValue - Duration.FromDays(1)],
    ];

    [Theory]
    [MemberData(nameof(Clocks))]
    public async Task Incident_commands_with_extreme_values_succeed_or_are_refused_as_documented(Instant now)
    {
        var engine = Engine(now);
        var id = IncidentId.New();
        await Probe("open", () => engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low)));
        foreach (var duration in new[] { Duration.MaxValue, Duration.MinValue, Duration.Zero, Duration.Epsilon, -Duration.Epsilon, Duration.FromDays(100_000) })
        {
            await Probe($"log time {duration}", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new LogIncidentTime(duration, Hostile)));
        }

        await Probe("huge work note", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AddIncidentWorkNote(Huge)));
        await Probe("hostile work note", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AddIncidentWorkNote(Hostile)));
        await Probe("huge caller", () => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, new OpenIncident(Huge, Huge, Impact.Low, Urgency.Low)));
        await Probe("hostile caller", () => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, new OpenIncident(Hostile, Hostile, Impact.Low, Urgency.Low)));
        await Probe("bad impact", () => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, new OpenIncident("c", "t", (Impact)int.MaxValue, (Urgency)(-1))));
        await Probe("assign huge group", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId(Hostile))));
        await Probe("satisfaction", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new RecordIncidentSatisfaction(int.MinValue, Huge, Hostile)));
        await Probe("audit open", () => engine.ReadAuditAsync(Tenant, Agent, new Interval(null, null)));
        await Probe("audit extremes", () => engine.ReadAuditAsync(Tenant, Agent, new Interval(Instant.MinValue, Instant.MaxValue)));
        await Probe("feed extremes", () => engine.ReadFeedAsync(Tenant, Agent, long.MaxValue, int.MaxValue));
        await Probe("feed negative", () => engine.ReadFeedAsync(Tenant, Agent, long.MinValue, int.MinValue));
        await Probe("thresholds at extremes", () => Task.FromResult(engine.PendingSlaThresholds(engine.Incidents.GetAsync(Tenant, id, Agent).GetAwaiter().GetResult(), Instant.MaxValue)));
        await Probe("thresholds at min", () => Task.FromResult(engine.PendingSlaThresholds(engine.Incidents.GetAsync(Tenant, id, Agent).GetAwaiter().GetResult(), Instant.MinValue)));
        await Probe("hold", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingCaller)));
        await Probe("resume", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResumeIncident()));
        await Probe("priority", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ChangeIncidentImpactOrUrgency(Impact.High, Urgency.High)));
        await Probe("resolve", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, Hostile)));
        await Probe("reopen", () => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ReopenIncident(Huge)));
        await Probe("history huge id", () => engine.Incidents.ReadHistoryAsync(Tenant, id, Agent));
    }

    [Theory]
    [MemberData(nameof(Clocks))]
    public async Task Change_windows_at_the_ends_of_time_succeed_or_are_refused_as_documented(Instant now)
    {
        var engine = Engine(now);
        var id = ChangeId.New();
        await Probe("open change", () => engine.Changes.CreateAsync(Tenant, id, Agent, new OpenChange(ChangeType.Standard, "Patch", "Plan", new ServiceId("email"), [])));
        foreach (var window in new[] { new Interval(null, null), new Interval(Instant.MinValue, Instant.MaxValue), new Interval(Instant.MaxValue, null), new Interval(null, Instant.MinValue), new Interval(Instant.MaxValue, Instant.MaxValue) })
        {
            await Probe($"schedule {window}", () => engine.Changes.ExecuteAsync(Tenant, id, Agent, new ScheduleChange(window, ChangeCalendar.Empty)));
            await Probe($"edit window {window}", () => engine.Changes.ExecuteAsync(Tenant, id, Agent, new EditChangeWindow(window)));
        }
    }

    [Fact]
    public async Task Improvement_items_with_extreme_numbers_succeed_or_are_refused_as_documented()
    {
        var engine = Engine(Instant.FromUtc(2026, 12, 3, 9, 0));
        foreach (var (baseline, target) in new[] { (decimal.MaxValue, decimal.MinValue), (decimal.MinValue, decimal.MaxValue), (0m, 0m), (decimal.MaxValue, decimal.MaxValue) })
        {
            var id = ImprovementItemId.New();
            await Probe($"propose {baseline} {target}", () => engine.ImprovementItems.CreateAsync(Tenant, id, Agent, new ProposeImprovementItem(Hostile, Huge, KpiDirection.LowerIsBetter, baseline, target)));
            await Probe($"propose plain {baseline} {target}", () => engine.ImprovementItems.CreateAsync(Tenant, id, Agent, new ProposeImprovementItem("t", "mttr", KpiDirection.HigherIsBetter, baseline, target)));
            await Probe("approve", () => engine.ImprovementItems.ExecuteAsync(Tenant, id, Agent, new ApproveImprovementItem()));
            await Probe("start", () => engine.ImprovementItems.ExecuteAsync(Tenant, id, Agent, new StartImprovementItem()));
            await Probe("complete", () => engine.ImprovementItems.ExecuteAsync(Tenant, id, Agent, new CompleteImprovementItem(decimal.MinValue)));
        }
    }

    private async Task Probe<T>(string what, Func<Task<T>> act)
    {
        try
        {
            await act();
            output.WriteLine($"{what}: ok");
        }
        catch (Exception e) when (IsDocumented(e))
        {
            output.WriteLine($"{what}: {e.GetType().Name} {e.Message[..Math.Min(e.Message.Length, 200)]}");
            Assert.True(e.Message.Length <= 4_000, $"{what}: a message of {e.Message.Length} characters");
            if (e is ArgumentException argument)
            {
                Assert.False(string.IsNullOrEmpty(argument.ParamName), $"{what}: {e}");
            }
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e}");
        }
    }

    // The documented refusals: an argument error naming its parameter, or one of the engine's own typed errors.
    private static bool IsDocumented(Exception e) =>
        e is ArgumentException || (e.GetType().Namespace?.StartsWith("Itsm", StringComparison.Ordinal) ?? false);
}
