using System;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Requests;
using Itsm.Sla;
using Itsm.Testing;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The projections that turn a ticket's audit entries into its SLA history: every event of the record type
/// has a rule or is declared to keep the snapshot, and after every command of a random lifecycle the
/// projection of the stored audit log equals the record's own <c>ToTicketSnapshot()</c>.
/// </summary>
public sealed class TicketSlaProjectionTests
{
    private static readonly Actor Reader = new("auditor");

    public static TheoryData<Type, string> TicketTypes => new()
    {
        { typeof(Incident), typeof(Incident).Namespace! },
        { typeof(ServiceRequest), typeof(ServiceRequest).Namespace! },
    };

    [Theory]
    [MemberData(nameof(TicketTypes))]
    public void Every_event_of_a_ticket_type_has_a_rule_or_keeps_the_snapshot(Type record, string ns)
    {
        var projection = record == typeof(Incident) ? IncidentSlaProjection.Instance : ServiceRequestSlaProjection.Instance;
        var events = typeof(DomainEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DomainEvent).IsAssignableFrom(t) && (t.Namespace == ns || t.Namespace == typeof(SlaThresholdReached).Namespace))
            .ToList();

        Assert.Contains(typeof(SlaRecomputed), events);
        Assert.All(events, t => Assert.True(projection.Covers(t), $"{record.Name}: the SLA projection has no rule for {t.Name} (On<{t.Name}> or Keeps<{t.Name}> in {record.Name}SlaProjection)"));
    }

    [Fact]
    public void An_event_without_a_rule_fails_loudly_instead_of_reading_as_no_change()
    {
        var projection = TicketSlaProjection.For<IncidentState>(Incident.RecordType, "an incident")
            .Opens<IncidentOpened>(IncidentOpened.CommandName, static (e, state, _) => new TicketSnapshot { State = state, Priority = e.Priority });
        var incident = Incident.Open(new TenantId("t"), IncidentId.New(), new Actor("agent-1"), "caller", "Mail down", Impact.High, Urgency.High, TestClocks.AtUtc(2026, 11, 30, 9, 0));
        incident.Assign(new Actor("agent-1"), new SupportGroupId("ServiceDesk"), null);
        var entries = incident.UncommittedAuditEntries.Select((e, i) => e with { Version = i + 1 }).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => projection.Replay(entries, "auditEntries"));

        Assert.Equal("The SLA projection of Incident has no rule for IncidentAssigned: declare it with On<IncidentAssigned> if it changes a snapshot field, else Keeps<IncidentAssigned>.", error.Message);
    }

    /// <summary>
    /// How long before the creating command the host says the ticket was opened (<c>OpenedAt</c> on the command): none, the
    /// command's instant itself, minutes, hours, or days back over a weekend.
    /// </summary>
    internal static Gen<Duration?> OpenedBefore { get; } =
        Gen.Elements<Duration?>(null, Duration.Zero, Duration.FromMinutes(10), Duration.FromMinutes(90), Duration.FromDays(3) + Duration.FromNanoseconds(1));

    [Property(MaxTest = 60)]
    public Property The_audit_projection_equals_the_incidents_own_snapshot_after_every_command() =>
        Prop.ForAll(ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(), OpenedBefore.ToArbitrary(), (s, before) => AgreesAfterEveryStep(
            s, e => e.Incidents, r => r.ToTicketSnapshot(), Incident.ReplayTicketHistory,
            now => ((OpenIncident)s.Create) with { OpenedAt = now - before }).Result);

    [Property(MaxTest = 60)]
    public Property The_audit_projection_equals_the_requests_own_snapshot_after_every_command() =>
        Prop.ForAll(ItsmGenerators.ServiceRequestScenarios.ToArbitrary(), OpenedBefore.ToArbitrary(), (s, before) => AgreesAfterEveryStep(
            s, e => e.ServiceRequests, r => r.ToTicketSnapshot(), ServiceRequest.ReplayTicketHistory,
            now => ((SubmitServiceRequest)s.Create) with { OpenedAt = now - before }).Result);

    private static async Task<bool> AgreesAfterEveryStep<TRecord, TId>(
        LifecycleScenario<TRecord, TId> scenario,
        Func<ItsmEngine, AggregateService<TRecord, TId>> serviceOf,
        Func<TRecord, TicketSnapshot> own,
        Func<System.Collections.Generic.IEnumerable<AuditEntry>, System.Collections.Generic.IReadOnlyList<TicketChange>> replay,
        Func<Instant, CreateCommand<TRecord>> create)
        where TRecord : class
    {
        var test = ItsmTestEngine.Create();
        var service = serviceOf(test.Engine);
        var createdAt = test.Clock.GetCurrentInstant();
        await service.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, create(createdAt));
        var first = replay(await service.ReadHistoryAsync(scenario.Tenant, scenario.Id, Reader))[0].Snapshot;
        Assert.Equal(createdAt, first.CreatedAt);
        Assert.True(first.OpenedAt <= createdAt && first.OpenedAt is not null, $"{scenario}: opened at {first.OpenedAt}, created at {createdAt}");
        await Check();
        foreach (var step in scenario.Steps)
        {
            test.Clock.Advance(step.After);
            try
            {
                await service.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command);
            }
            catch (Exception ex) when (ex is InvalidTransitionException or DomainRuleViolationException or ArgumentException)
            {
                continue;
            }

            await Check();
        }

        return true;

        async Task Check()
        {
            var record = await service.GetAsync(scenario.Tenant, scenario.Id, Reader);
            var history = replay(await service.ReadHistoryAsync(scenario.Tenant, scenario.Id, Reader));
            var expected = own(record);
            Assert.True(TicketSlaProjection.SameValue(expected, history[^1].Snapshot), $"{scenario}: the record shows {expected}, the audit projection {history[^1].Snapshot}");
        }
    }
}
