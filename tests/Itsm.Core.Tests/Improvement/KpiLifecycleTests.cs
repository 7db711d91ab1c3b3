using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using Itsm.Services;

namespace Itsm.Core.Tests.Improvement;

/// <summary>The KPIs read the audit entries the real aggregates write (command names, states and data keys).</summary>
public sealed class KpiLifecycleTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private static readonly Actor Caller = new("caller.jones");

    [Fact]
    public void Compute_FromRealIncidentsAndInteractions_MatchesTheirHistory()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 9, 0));
        var incident = Incident.Open(Tenant, IncidentId.New(), Agent, Caller.Id, "Mail down", Impact.High, Urgency.High, clock, service: new ServiceId("Email"));
        var interaction = Interaction.Log(Tenant, InteractionId.New(), Agent, Channel.Phone, Caller.Id, "Mail down", clock);
        var question = Interaction.Log(Tenant, InteractionId.New(), Agent, Channel.Phone, Caller.Id, "How do I?", clock);
        interaction.ClassifyAsIncident(Agent, incident.Id);
        question.AnswerOnFirstContact(Agent, "Like this.");
        clock.AdvanceMinutes(30);
        incident.Assign(Agent, new SupportGroupId("Network"));
        incident.PromoteToMajor(Agent, "Everyone is affected");
        incident.LinkCausedByChange(Agent, "CHG-1");
        clock.AdvanceHours(2);
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Restarted the relay.");
        clock.AdvanceHours(1);
        incident.Reopen(Caller, "Still down");
        clock.AdvanceHours(1);
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Replaced the relay.");
        var entries = new List<AuditEntry>();
        entries.AddRange(incident.UncommittedAuditEntries);
        entries.AddRange(interaction.UncommittedAuditEntries);
        entries.AddRange(question.UncommittedAuditEntries);

        var report = KpiCalculator.Compute(entries.OrderBy(e => e.At), Tenant, new Interval(Instant.FromUtc(2026, 11, 2, 0, 0), Instant.FromUtc(2026, 11, 9, 0, 0)));

        var overall = report.Overall;
        Assert.Equal(0.5, overall[KpiId.MeanTimeToAcknowledge].Value);
        Assert.Equal(4.5, overall[KpiId.MeanTimeToResolve].Value);
        Assert.Equal(1, overall[KpiId.ReopenRate].Value);
        Assert.Equal(1, overall[KpiId.MajorIncidents].Value);
        Assert.Equal(1, overall[KpiId.ChangesCausingIncidents].Value);
        Assert.Equal(0, overall[KpiId.Backlog].Value);
        Assert.Equal(0.5, overall[KpiId.FirstContactResolutionRate].Value);
        Assert.Equal([1], report.ByPriority.Keys);
        Assert.Equal(["Network"], report.ByAssignmentGroup.Keys);
        Assert.Equal(["Email"], report.ByService.Keys);
    }
}
