using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// The engine's operations over several records (major incident with children, problem with its
/// incidents, links both ways, the service desk intake, bulk commands): each commits all its records
/// in one unit of work, so a conflict, a refusal or a denial on any one writes nothing.
/// </summary>
public sealed class MultiRecordOperationTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Reader = new("reader.rae", "itil");
    private static readonly Actor Manager = new("mim.lee", "itil", "major_incident_manager");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));
    private readonly InterferingStore _store = new();
    private readonly List<(Actor Actor, ItsmOperation Operation, string? RecordId)> _asked = [];
    private Func<ItsmOperation, ItsmResource, bool> _allow = (_, _) => true;

    private ItsmEngine NewEngine() => new(_store, ItsmAuthorizers.FromRule((actor, command, resource) =>
    {
        _asked.Add((actor, command, resource.RecordId));
        return _allow(command, resource);
    }), _clock);

    private async Task<(ItsmEngine Engine, IncidentId Parent, IncidentId[] Children)> MajorWithChildrenAsync(int children)
    {
        var engine = NewEngine();
        var parent = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, parent, Agent, new OpenIncident("caller.jones", "Mail relay down", Impact.High, Urgency.High, new ServiceId("email")));
        await engine.Incidents.ExecuteAsync(Tenant, parent, Manager, new AssignIncident(new SupportGroupId("messaging"), "mim.lee"));
        await engine.Incidents.ExecuteAsync(Tenant, parent, Manager, new PromoteIncidentToMajor("Company-wide outage"));
        var major = await engine.Incidents.GetAsync(Tenant, parent, Reader);
        var ids = new IncidentId[children];
        for (int i = 0; i < children; i++)
        {
            ids[i] = IncidentId.New();
            await engine.Incidents.CreateAsync(Tenant, ids[i], Agent, new OpenIncident($"caller.{i}", "Cannot send mail", Impact.Medium, Urgency.High, new ServiceId("email")));
            await engine.Incidents.ExecuteAsync(Tenant, ids[i], Agent, new AttachIncidentToParent(major));
        }

        return (engine, parent, ids);
    }

    [Fact]
    public async Task Resolving_a_major_incident_commits_the_parent_and_its_open_children_together()
    {
        var (engine, parent, children) = await MajorWithChildrenAsync(3);
        await engine.Incidents.ExecuteAsync(Tenant, children[2], Agent, new AssignIncident(new SupportGroupId("messaging"), "agent.smith"));
        await engine.Incidents.ExecuteAsync(Tenant, children[2], Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Fixed on its own"));
        var feedBefore = (await _store.ReadFeedAsync(Tenant, 0, 1000)).Count;

        var result = await engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted"));

        Assert.False(result.Replayed);
        Assert.Equal([parent.ToString(), children[0].ToString(), children[1].ToString()], result.Records.Select(r => r.RecordId));
        Assert.Equal(3, result.Events.Count);
        Assert.Equal(IncidentState.Resolved, (await engine.Incidents.GetAsync(Tenant, parent, Reader)).State);
        foreach (var child in children[..2])
        {
            var stored = await engine.Incidents.GetAsync(Tenant, child, Reader);
            Assert.Equal(IncidentState.Resolved, stored.State);
            Assert.Equal(IncidentResolutionCode.ResolvedByParent, stored.ResolutionCode);
        }

        // The resolved child was left as it was, and the feed took exactly the unit's three entries, in order.
        Assert.Equal(4, (await engine.Incidents.GetAsync(Tenant, children[2], Reader)).Version);
        var feed = await _store.ReadFeedAsync(Tenant, feedBefore, 1000);
        Assert.Equal(result.Events.Select(e => (e.RecordId, e.Version)), feed.Select(f => (f.Entry.RecordId, f.Entry.Version)));
    }

    [Fact]
    public async Task A_child_changed_concurrently_leaves_parent_and_children_unresolved()
    {
        var (engine, parent, children) = await MajorWithChildrenAsync(2);
        var before = await SnapshotAsync(engine, [parent, .. children]);
        _store.BeforeCommit = () => engine.Incidents.ExecuteAsync(Tenant, children[1], Agent, new AssignIncident(new SupportGroupId("network")));

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted")));

        Assert.Equal(children[1].ToString(), error.RecordId);
        Assert.Equal(IncidentState.InProgress, (await engine.Incidents.GetAsync(Tenant, parent, Reader)).State);
        Assert.All(children, c => Assert.NotEqual(IncidentState.Resolved, engine.Incidents.GetAsync(Tenant, c, Reader).Result.State));
        Assert.Equal(before[parent], (await engine.Incidents.GetAsync(Tenant, parent, Reader)).Version);
        Assert.Equal(before[children[0]], (await engine.Incidents.GetAsync(Tenant, children[0], Reader)).Version);

        // Called again, it resolves everything.
        var retry = await engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted"));
        Assert.Equal(3, retry.Records.Count);
    }

    [Fact]
    public async Task A_denied_child_refuses_the_whole_resolution_before_anything_runs()
    {
        var (engine, parent, children) = await MajorWithChildrenAsync(2);
        var before = await SnapshotAsync(engine, [parent, .. children]);
        _allow = (command, resource) => !(command is ResolveIncident { Code: IncidentResolutionCode.ResolvedByParent } && resource.RecordId == children[1].ToString());

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() =>
            engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted")));

        Assert.Equal(before, await SnapshotAsync(engine, [parent, .. children]));
        var resolves = _asked.Where(a => a.Operation is ResolveIncident).Select(a => a.RecordId).ToArray();
        Assert.Equal(new string?[] { parent.ToString(), children[0].ToString(), children[1].ToString() }, resolves);
    }

    [Fact]
    public async Task A_major_resolution_retried_with_its_key_is_a_replay()
    {
        var (engine, parent, children) = await MajorWithChildrenAsync(2);
        var options = new CommandOptions { IdempotencyKey = "resolve-major-1" };
        var first = await engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted"), options);

        var again = await engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Relay restarted"), options);

        Assert.True(again.Replayed);
        Assert.Empty(again.Events);
        Assert.Equal(first.Records[0], Assert.Single(again.Records));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            engine.ResolveMajorIncidentAsync(Tenant, parent, children, Manager, new ResolveIncident(IncidentResolutionCode.SolvedWorkaround, "Other"), options));
    }

    [Fact]
    public async Task Resolving_a_problem_resolves_the_incidents_waiting_for_it_in_the_same_commit()
    {
        var engine = NewEngine();
        var problem = ProblemId.New();
        await engine.Problems.CreateAsync(Tenant, problem, Agent, new OpenProblem("Relay leaks connections", new ServiceId("email")));
        var waiting = new[] { IncidentId.New(), IncidentId.New() };
        var other = IncidentId.New();
        foreach (var id in waiting.Append(other))
        {
            await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.jones", "Mail slow", Impact.Medium, Urgency.Medium, new ServiceId("email")));
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("messaging"), "agent.smith"));
            await engine.LinkIncidentToProblemAsync(Tenant, id, problem, Agent);
        }

        foreach (var id in waiting)
        {
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingProblem));
        }

        await BringProblemToFixAsync(engine, problem);
        var result = await engine.ResolveProblemAsync(Tenant, problem, Agent, new ResolveProblem(ProblemResolutionCode.FixApplied, "Connection pool patched"));

        Assert.Equal([problem.ToString(), waiting[0].ToString(), waiting[1].ToString()], result.Records.Select(r => r.RecordId));
        foreach (var id in waiting)
        {
            var incident = await engine.Incidents.GetAsync(Tenant, id, Reader);
            Assert.Equal(IncidentState.Resolved, incident.State);
            Assert.Equal(IncidentResolutionCode.ResolvedByProblem, incident.ResolutionCode);
        }

        Assert.Equal(IncidentState.InProgress, (await engine.Incidents.GetAsync(Tenant, other, Reader)).State);
        Assert.Equal(ProblemState.Resolved, (await engine.Problems.GetAsync(Tenant, problem, Reader)).State);
    }

    [Fact]
    public async Task Linking_writes_both_records_or_neither()
    {
        var engine = NewEngine();
        var problem = ProblemId.New();
        var incident = IncidentId.New();
        await engine.Problems.CreateAsync(Tenant, problem, Agent, new OpenProblem("Relay leaks connections", new ServiceId("email")));
        await engine.Incidents.CreateAsync(Tenant, incident, Agent, new OpenIncident("caller.jones", "Mail slow", Impact.Medium, Urgency.Medium, new ServiceId("email")));

        var result = await engine.LinkIncidentToProblemAsync(Tenant, incident, problem, Agent);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal([incident], (await engine.Problems.GetAsync(Tenant, problem, Reader)).LinkedIncidents);
        Assert.Equal(problem.ToString(), (await engine.Incidents.GetAsync(Tenant, incident, Reader)).RelatedProblem);

        // Linking again is refused by the problem, and the incident is not written a second time either.
        var incidentVersion = (await engine.Incidents.GetAsync(Tenant, incident, Reader)).Version;
        var error = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.LinkIncidentToProblemAsync(Tenant, incident, problem, Agent));
        Assert.Equal("ITSM-PRB-LINK-001", error.Code);
        Assert.Equal(incidentVersion, (await engine.Incidents.GetAsync(Tenant, incident, Reader)).Version);
    }

    [Fact]
    public async Task The_intake_creates_the_incident_and_classifies_the_interaction_together()
    {
        var engine = NewEngine();
        var interaction = InteractionId.New();
        await engine.Interactions.CreateAsync(Tenant, interaction, Agent, new LogInteraction(Channel.Phone, "caller.jones", "Printer on fire"));
        var options = new CommandOptions { IdempotencyKey = "call-17" };
        var incident = IncidentId.New();

        var result = await engine.RaiseIncidentAsync(Tenant, interaction, incident, Agent, Impact.Medium, Urgency.High, new ServiceId("printing"), options: options);

        Assert.Equal([interaction.ToString(), incident.ToString()], result.Records.Select(r => r.RecordId));
        var opened = await engine.Incidents.GetAsync(Tenant, incident, Reader);
        Assert.Equal("caller.jones", opened.CallerId);
        Assert.Equal("Printer on fire", opened.ShortDescription);
        Assert.Equal(incident, (await engine.Interactions.GetAsync(Tenant, interaction, Reader)).IncidentId);

        // A client that lost the response retries with a fresh incident id: it gets the first run back.
        var retry = await engine.RaiseIncidentAsync(Tenant, interaction, IncidentId.New(), Agent, Impact.Medium, Urgency.High, new ServiceId("printing"), options: options);
        Assert.True(retry.Replayed);
        Assert.Equal(interaction.ToString(), Assert.Single(retry.Records).RecordId);
        Assert.Single(await _store.QueryAsync(Tenant, new RecordQuery { RecordType = Incident.RecordType }));
    }

    [Fact]
    public async Task The_intake_for_an_existing_incident_id_writes_nothing()
    {
        var engine = NewEngine();
        var interaction = InteractionId.New();
        var taken = IncidentId.New();
        await engine.Interactions.CreateAsync(Tenant, interaction, Agent, new LogInteraction(Channel.Phone, "caller.jones", "Printer on fire"));
        await engine.Incidents.CreateAsync(Tenant, taken, Agent, new OpenIncident("caller.x", "Other", Impact.Low, Urgency.Low));

        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.RaiseIncidentAsync(Tenant, interaction, taken, Agent, Impact.Medium, Urgency.High));

        Assert.Equal(1, (await engine.Interactions.GetAsync(Tenant, interaction, Reader)).Version);
    }

    [Fact]
    public async Task A_bulk_command_commits_every_record_or_none()
    {
        var engine = NewEngine();
        var ids = Enumerable.Range(0, 4).Select(_ => IncidentId.New()).ToArray();
        foreach (var id in ids)
        {
            await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.jones", "Mail slow", Impact.Medium, Urgency.Medium));
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("messaging"), "agent.smith"));
        }

        await engine.Incidents.ExecuteAsync(Tenant, ids[3], Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Done"));
        var before = await SnapshotAsync(engine, ids);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAllAsync(Tenant, ids, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingCaller, "Which printer?")));
        Assert.Equal(before, await SnapshotAsync(engine, ids));

        var result = await engine.Incidents.ExecuteAllAsync(Tenant, ids[..3], Agent, new PutIncidentOnHold(OnHoldReason.AwaitingCaller, "Which printer?"));
        Assert.Equal(ids[..3].Select(i => i.ToString()), result.Records.Select(r => r.RecordId));
        Assert.All(ids[..3], id => Assert.Equal(IncidentState.OnHold, engine.Incidents.GetAsync(Tenant, id, Reader).Result.State));
        Assert.Equal("ids", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.ExecuteAllAsync(Tenant, [ids[0], ids[0]], Agent, new ResumeIncident()))).ParamName);
        Assert.Equal("ids", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.ExecuteAllAsync(Tenant, [], Agent, new ResumeIncident()))).ParamName);
    }

    private static async Task BringProblemToFixAsync(ItsmEngine engine, ProblemId problem)
    {
        foreach (var command in new RecordCommand<Problem>[]
        {
            new AssessProblem(),
            new StartProblemRootCauseAnalysis(),
            new RecordProblemRootCause("Pool never shrinks"),
            new StartProblemFix(),
        })
        {
            await engine.Problems.ExecuteAsync(Tenant, problem, Agent, command);
        }
    }

    private static async Task<Dictionary<IncidentId, long>> SnapshotAsync(ItsmEngine engine, IEnumerable<IncidentId> ids)
    {
        var versions = new Dictionary<IncidentId, long>();
        foreach (var id in ids)
        {
            versions[id] = (await engine.Incidents.GetAsync(Tenant, id, Reader)).Version;
        }

        return versions;
    }
}
