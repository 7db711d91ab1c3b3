using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Incidents;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>The generators produce valid values, and the laws of the types hold over them.</summary>
public sealed class ItsmGeneratorsTests
{
    [Property(MaxTest = 200)]
    public Property Calendar_Between_of_Add_is_the_added_working_time() =>
        Prop.ForAll(
            (from calendar in ItsmGenerators.BusinessCalendars
             from start in ItsmGenerators.Instants
             from workingTime in ItsmGenerators.WorkingTimes
             select (calendar, start, workingTime)).ToArbitrary(),
            c =>
            {
                var end = c.calendar.Add(c.start, c.workingTime);
                Assert.True(end >= c.start);
                Assert.Equal(c.workingTime, c.calendar.Between(c.start, end));
            });

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 100)]
    public void Generated_calendars_round_trip_through_json(BusinessCalendar calendar)
    {
        var json = calendar.ToJson();
        Assert.Equal(json, BusinessCalendar.FromJson(json).ToJson());
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 100)]
    public void Generated_calendars_have_working_time_every_week(BusinessCalendar calendar)
    {
        var start = Instant.FromUtc(2020, 6, 1, 0, 0);
        Assert.True(calendar.Between(start, start + Duration.FromDays(800)) > Duration.Zero);
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 200)]
    public void Generated_agreements_are_valid_and_round_trip_through_json(Agreement agreement)
    {
        Assert.NotEmpty(agreement.Targets);
        Assert.Contains(agreement.Targets, t => t.Metric == SlaMetric.Resolution);
        var json = agreement.ToJson();
        Assert.Equal(json, Agreement.FromJson(json).ToJson());
    }

    [Fact]
    public void Generated_targets_cover_every_profile_and_every_valid_option_of_each()
    {
        var targets = ItsmGenerators.SlaTargets(SlaMetric.Resolution).Sample(30_000).ToArray();
        // The rarest valid combination (a profile of weight 1/4, its policy, a cancel rule of 1/12, a retroactive
        // start) comes about once in 450 targets: 30,000 see it about 65 times, so a miss is not chance.

        // Every profile with every policy, cancel rule and retroactive start its agreement accepts.
        var seen = targets.Select(t => (t.Profile, t.PriorityChangePolicy, t.CancelWhen, t.RetroactiveStart)).ToHashSet();
        var cancelRules = new SlaCancelRule?[] { null, SlaCancelRule.CancelConditionMet, SlaCancelRule.StartConditionNotMet, SlaCancelRule.Never };
        foreach (var profile in System.Enum.GetValues<SlaProfile>())
        {
            foreach (var policy in System.Enum.GetValues<PriorityChangePolicy>())
            {
                foreach (var start in System.Enum.GetValues<SlaRetroactiveStart>())
                {
                    bool valid = (policy != PriorityChangePolicy.CancelAndRestartRetroactive || (profile == SlaProfile.Itsm && start == SlaRetroactiveStart.None))
                        && (profile != SlaProfile.JiraServiceManagement || start == SlaRetroactiveStart.None);
                    if (valid)
                    {
                        Assert.All(cancelRules, rule => Assert.Contains((profile, policy, rule, start), seen));
                    }
                }
            }
        }

        Assert.Contains(targets, t => t.RetroactivePauses && t.RetroactiveStart != SlaRetroactiveStart.None);
        Assert.All(targets, t => new Agreement("A", "A", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [t]));
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 300)]
    public void Generated_incidents_have_one_version_per_accepted_command(IncidentScenario scenario)
    {
        var run = scenario.Run();
        var incident = run.Incident;

        Assert.Equal(1 + run.AcceptedSteps.Count, incident.Version);
        Assert.Equal(incident.Version, incident.UncommittedAuditEntries.Count);
        Assert.Equal(Enumerable.Range(1, (int)incident.Version).Select(v => (long)v), incident.UncommittedAuditEntries.Select(e => e.Version));
        Assert.Equal(
            new[] { "Open" }.Concat(run.AcceptedSteps.Select(s => s.Command.ToString())),
            incident.UncommittedAuditEntries.Select(e => e.Command));
        Assert.Equal(scenario.Tenant, incident.Tenant);
        Assert.Equal(scenario.Id, incident.Id);
        Assert.Equal(scenario.OpenedAt + scenario.Steps.Aggregate(Duration.Zero, (d, s) => d + s.After), run.Clock.GetCurrentInstant());
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 100)]
    public void Running_a_scenario_twice_gives_the_same_incident(IncidentScenario scenario)
    {
        var first = scenario.Run().Incident;
        var second = scenario.Run().Incident;
        Assert.Equal(
            (first.State, first.Version, first.Priority, first.AssignmentGroup, first.IsMajor, first.ResolvedAt),
            (second.State, second.Version, second.Priority, second.AssignmentGroup, second.IsMajor, second.ResolvedAt));
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 200)]
    public void Generated_incidents_are_at_version_one_or_more_with_an_audit_entry_each(Incident incident)
    {
        Assert.True(incident.Version >= 1);
        Assert.Equal(incident.Version, incident.UncommittedAuditEntries.Count);
        Assert.Equal(incident.State.ToString(), incident.UncommittedAuditEntries[^1].ToState);
    }

    [Fact]
    public void Generated_incident_histories_reach_every_state()
    {
        var states = ItsmGenerators.Incidents.Sample(400).Select(i => i.State).Distinct().ToArray();
        Assert.Equal(System.Enum.GetValues<IncidentState>().OrderBy(s => s), states.OrderBy(s => s));
    }

    [Property(Arbitrary = [typeof(ItsmArbitraries)], MaxTest = 200)]
    public void Generated_command_steps_have_valid_arguments(IncidentCommandStep[] steps)
    {
        Assert.True(steps.Length <= 30);
        Assert.All(steps, s =>
        {
            Assert.NotEqual(IncidentCommand.AttachToParent, s.Command);
            Assert.True(s.After >= Duration.Zero);
            Assert.False(string.IsNullOrWhiteSpace(s.Text));
            Assert.InRange((int)s.ResolutionCode, 1, 9);
            Assert.InRange((int)s.Impact, 1, 3);
            Assert.InRange((int)s.Urgency, 1, 3);
        });
    }

    [Fact]
    public void Generated_calendars_use_every_listed_zone()
    {
        var zones = ItsmGenerators.BusinessCalendars.Sample(600).Select(c => c.Zone.Id).Distinct().ToArray();
        Assert.Equal(ItsmGenerators.ZoneIds.Order(), zones.Order());
    }
}
