using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// <see cref="FieldLimits"/>: every record type refuses text longer, and lists with more items, than its
/// limits, with a <see cref="FieldLimitException"/> naming the parameter; a record collection at its limit
/// refuses one more with <see cref="FieldLimits.CollectionFullCode"/>; values at the limit are accepted.
/// </summary>
public sealed class FieldLimitsTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private static readonly Actor Manager = new("manager.brown", "problem_manager");
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    private static string Text(int length) => new('x', length);

    private static FieldLimitException Refused(Action action, string paramName, int limit)
    {
        var ex = Assert.Throws<FieldLimitException>(action);
        Assert.Equal(paramName, ex.ParamName);
        Assert.Equal(limit, ex.Limit);
        return ex;
    }

    private static Incident NewIncident(string title = "Mail down") =>
        Incident.Open(Tenant, IncidentId.New(), Agent, "caller.jones", title, Impact.Low, Urgency.Low, Clock);

    [Fact]
    public void The_limits_are_the_documented_values()
    {
        Assert.Equal(AggregateWrite.MaxKeyLength, FieldLimits.Id);
        Assert.Equal((200, 160, 4000, 100, 1000, 16, 3660), (FieldLimits.Id, FieldLimits.Title, FieldLimits.Text, FieldLimits.Items, FieldLimits.LinkedRecords, FieldLimits.ConditionDepth, FieldLimits.MaxTargetDays));
    }

    [Fact]
    public void A_one_megabyte_title_is_refused_with_a_short_message_naming_the_parameter()
    {
        var ex = Refused(() => NewIncident(Text(1024 * 1024)), "shortDescription", FieldLimits.Title);

        Assert.Equal(FieldLimits.TooLongCode, ex.Code);
        Assert.Equal(1024 * 1024, ex.Actual);
        Assert.Equal("The text is 1048576 characters long; at most 160 are allowed. (Parameter 'shortDescription')", ex.Message);
    }

    [Fact]
    public void Text_at_its_limit_is_accepted_and_one_more_character_is_refused_for_each_kind()
    {
        Assert.Equal(FieldLimits.Title, NewIncident(Text(FieldLimits.Title)).ShortDescription.Length);
        Refused(() => NewIncident(Text(FieldLimits.Title + 1)), "shortDescription", FieldLimits.Title);

        var incident = NewIncident();
        incident.Assign(Agent, new SupportGroupId(Text(FieldLimits.Id)));
        Refused(() => incident.Assign(Agent, new SupportGroupId(Text(FieldLimits.Id + 1))), "value", FieldLimits.Id); // the id refuses it before the command sees it
        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, Text(FieldLimits.Text));
        incident.Resume(Agent);
        Refused(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, Text(FieldLimits.Text + 1)), "comment", FieldLimits.Text);
        Refused(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Text(FieldLimits.Text + 1)), "notes", FieldLimits.Text);
        Refused(() => incident.Cancel(Agent, Text(FieldLimits.Text + 1)), "reason", FieldLimits.Text);
        Refused(() => incident.LinkCausedByChange(Agent, Text(FieldLimits.Id + 1)), "changeId", FieldLimits.Id);
        Assert.Equal(IncidentState.InProgress, incident.State);
    }

    public static TheoryData<string, string, int, Action> EveryRecordType() => new()
    {
        { "incident caller", "callerId", FieldLimits.Id, () => Incident.Open(Tenant, IncidentId.New(), Agent, Text(FieldLimits.Id + 1), "Mail down", Impact.Low, Urgency.Low, Clock) },
        { "incident service", "value", FieldLimits.Id, () => Incident.Open(Tenant, IncidentId.New(), Agent, "caller", "Mail down", Impact.Low, Urgency.Low, Clock, service: new ServiceId(Text(FieldLimits.Id + 1))) },
        { "problem", "shortDescription", FieldLimits.Title, () => Problem.Open(Tenant, ProblemId.New(), Manager, Text(FieldLimits.Title + 1), Clock) },
        { "change", "shortDescription", FieldLimits.Title, () => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Agent, Text(FieldLimits.Title + 1), "Plan", new ServiceId("mail"), [], Clock) },
        { "change plan", "plan", FieldLimits.Text, () => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Agent, "Patch", Text(FieldLimits.Text + 1), new ServiceId("mail"), [], Clock) },
        { "change items", "configurationItems", FieldLimits.Items, () => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Agent, "Patch", "Plan", null, Enumerable.Range(0, FieldLimits.Items + 1).Select(i => new ConfigurationItemId($"c{i}")).ToArray(), Clock) },
        { "change item name", "value", FieldLimits.Id, () => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Agent, "Patch", "Plan", null, [new ConfigurationItemId(Text(FieldLimits.Id + 1))], Clock) },
        { "catalog item", "id", FieldLimits.Id, () => new CatalogItem(Text(FieldLimits.Id + 1), false) },
        { "interaction", "shortDescription", FieldLimits.Title, () => Interaction.Log(Tenant, InteractionId.New(), Agent, Channel.Phone, "caller", Text(FieldLimits.Title + 1), Clock) },
        { "improvement item", "title", FieldLimits.Title, () => ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Agent, Text(FieldLimits.Title + 1), "mttr", KpiDirection.LowerIsBetter, 10, 5, Clock) },
        { "service", "name", FieldLimits.Id, () => new Service("mail", Text(FieldLimits.Id + 1)) },
        { "support group members", "members", FieldLimits.LinkedRecords, () => new SupportGroup("desk", Enumerable.Range(0, FieldLimits.LinkedRecords + 1).Select(i => $"p{i}")) },
        { "actor", "id", FieldLimits.Id, () => new Actor(Text(FieldLimits.Id + 1)) },
        { "actor roles", "roles", FieldLimits.Items, () => new Actor("a", Enumerable.Range(0, FieldLimits.Items + 1).Select(i => $"r{i}").ToArray()) },
    };

    [Theory]
    [MemberData(nameof(EveryRecordType))]
    public void Every_record_type_refuses_a_value_beyond_its_limit(string what, string paramName, int limit, Action create)
    {
        Assert.NotEmpty(what);
        Refused(create, paramName, limit);
    }

    [Fact]
    public void A_problem_at_its_linked_incident_limit_refuses_one_more_and_stays_unchanged()
    {
        var problem = Problem.Open(Tenant, ProblemId.New(), Manager, "Mail outages", Clock);
        for (int i = 0; i < FieldLimits.LinkedRecords; i++)
        {
            problem.LinkIncident(Manager, IncidentId.New());
        }

        long version = problem.Version;
        var ex = Assert.Throws<DomainRuleViolationException>(() => problem.LinkIncident(Manager, IncidentId.New()));

        Assert.Equal(FieldLimits.CollectionFullCode, ex.Code);
        Assert.Equal("The problem already holds 1000 linked incidents, the most it may hold (1000).", ex.Message);
        Assert.Equal(version, problem.Version);
        Assert.Equal(FieldLimits.LinkedRecords, problem.LinkedIncidents.Count);
    }

    [Fact]
    public async Task The_engine_refuses_an_oversized_command_and_stores_nothing()
    {
        var store = new InMemoryAggregateStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, Clock);
        var id = IncidentId.New();

        await Assert.ThrowsAsync<FieldLimitException>(() => engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller", Text(1024 * 1024), Impact.Low, Urgency.Low)));

        Assert.Null(await store.LoadAsync(Tenant, Incident.RecordType, id.ToString()));
    }

    [Property(MaxTest = 200)]
    public Property A_title_is_accepted_exactly_when_it_fits_and_the_message_never_grows_with_it() =>
        Prop.ForAll(Gen.Choose(1, 3 * FieldLimits.Title).ToArbitrary(), length =>
        {
            string title = Text(length);
            if (length <= FieldLimits.Title)
            {
                return NewIncident(title).ShortDescription == title;
            }

            var ex = Assert.Throws<FieldLimitException>(() => NewIncident(title));
            return ex.Actual == length && ex.Message.Length < 120;
        });
}
