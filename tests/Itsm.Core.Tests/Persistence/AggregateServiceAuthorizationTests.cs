using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>Authorization on every path: loads, queries, history, audit reads, saves and replays ask the authorizer, with read operations for reads, and fail closed.</summary>
public sealed class AggregateServiceAuthorizationTests
{
    private static readonly TenantId Tenant = IncidentFixtures.Tenant;
    private static readonly Actor Agent = IncidentFixtures.Agent;
    private static readonly Actor Caller = IncidentFixtures.Caller;
    private static readonly Actor Stranger = new("mallory", "caller");

    private readonly FakeClock _clock = IncidentFixtures.NewClock();
    private readonly InMemoryAggregateStore _store = new();
    private readonly List<(Actor Actor, ItsmOperation Operation, ItsmResource Resource)> _calls = [];
    private Func<Actor, ItsmOperation, ItsmResource, bool> _rule = (_, _, _) => true;
    private Exception? _failure;
    private int _published;

    private Interval AllDay => new(_clock.GetCurrentInstant() - Duration.FromDays(1), _clock.GetCurrentInstant() + Duration.FromDays(1));

    private ItsmEngine Engine() => new(_store, new Recording(this), _clock, publisher: new CountingPublisher(this));

    private async Task<(ItsmEngine Engine, IncidentId Id)> WithIncidentAsync()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident(Caller.Id, "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email")));
        _calls.Clear();
        return (engine, id);
    }

    // ---- What each path asks ------------------------------------------------------------------

    [Fact]
    public async Task Get_and_Find_ask_with_ReadRecord_and_the_loaded_record()
    {
        var (engine, id) = await WithIncidentAsync();

        var got = await engine.Incidents.GetAsync(Tenant, id, Caller);
        var found = await engine.Incidents.FindAsync(Tenant, id, Caller);

        Assert.Equal(2, _calls.Count);
        Assert.All(_calls, c => Assert.IsType<ReadRecord>(c.Operation));
        Assert.All(_calls, c => Assert.Same(Caller, c.Actor));
        Assert.Equal((Tenant, "Incident", id.ToString()), (_calls[0].Resource.Tenant, _calls[0].Resource.RecordType, _calls[0].Resource.RecordId));
        Assert.Same(got, _calls[0].Resource.Record);
        Assert.Same(found, _calls[1].Resource.Record);
        Assert.Equal("Read", _calls[0].Operation.Name);
    }

    [Fact]
    public async Task A_missing_record_is_authorized_with_no_record_before_its_absence_is_told()
    {
        var engine = Engine();
        var missing = IncidentId.New();

        await Assert.ThrowsAsync<AggregateNotFoundException>(() => engine.Incidents.GetAsync(Tenant, missing, Agent));
        Assert.Null(await engine.Incidents.FindAsync(Tenant, missing, Agent));
        Assert.All(_calls, c => Assert.Equal(new ItsmResource(Tenant, "Incident", missing.ToString(), null), c.Resource));
        Assert.Equal(2, _calls.Count);

        // Denied, the actor cannot tell a missing id from one they may not read.
        _rule = (_, operation, resource) => operation is not ReadRecord || resource.Record is not null;
        var get = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.GetAsync(Tenant, missing, Stranger));
        var find = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.FindAsync(Tenant, missing, Stranger));
        Assert.Equal($"'mallory' may not run Read on Incident '{missing}' of tenant 'acme'.", get.Message);
        Assert.Equal(("Read", typeof(ReadRecord)), (find.Action, find.Operation.GetType()));
        Assert.Null(find.Command);
    }

    [Fact]
    public async Task Query_asks_with_QueryRecords_scoped_to_the_services_record_type()
    {
        var (engine, id) = await WithIncidentAsync();

        var rows = await engine.Incidents.QueryAsync(Tenant, Agent, new RecordQuery { OpenOnly = true });
        var all = await engine.Incidents.QueryAsync(Tenant, Agent);
        var problems = await engine.Problems.QueryAsync(Tenant, Agent);

        Assert.Equal(id.ToString(), Assert.Single(rows).RecordId);
        Assert.Single(all);
        Assert.Empty(problems);
        var asked = Assert.IsType<QueryRecords>(_calls[0].Operation);
        Assert.Equal(new RecordQuery { RecordType = "Incident", OpenOnly = true }, asked.Query);
        Assert.Equal(new ItsmResource(Tenant, "Incident", null, null), _calls[0].Resource);
        Assert.Equal(new RecordQuery { RecordType = "Problem" }, Assert.IsType<QueryRecords>(_calls[2].Operation).Query);
        Assert.Equal("Query", asked.Name);
    }

    [Fact]
    public async Task A_query_naming_another_record_type_is_refused_naming_the_parameter_before_anyone_is_asked()
    {
        var (engine, _) = await WithIncidentAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.QueryAsync(Tenant, Agent, new RecordQuery { RecordType = "Problem" }));

        Assert.Equal("query", error.ParamName);
        Assert.Empty(_calls);
        Assert.Single(await engine.Incidents.QueryAsync(Tenant, Agent, new RecordQuery { RecordType = "Incident" }));
    }

    [Fact]
    public async Task ReadHistory_asks_with_ReadHistory_and_the_loaded_record()
    {
        var (engine, id) = await WithIncidentAsync();
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        _calls.Clear();

        var history = await engine.Incidents.ReadHistoryAsync(Tenant, id, Caller);

        Assert.Equal(["Open", "Assign"], history.Select(e => e.Command));
        var call = Assert.Single(_calls);
        Assert.IsType<ReadHistory>(call.Operation);
        Assert.Equal((Tenant, "Incident", id.ToString()), (call.Resource.Tenant, call.Resource.RecordType, call.Resource.RecordId));
        Assert.Equal(2, Assert.IsType<Incident>(call.Resource.Record).Version);
    }

    [Fact]
    public async Task ReadAudit_asks_with_ReadAudit_the_period_and_only_the_tenant()
    {
        var (engine, _) = await WithIncidentAsync();

        var entries = await engine.ReadAuditAsync(Tenant, Agent, AllDay);

        Assert.Equal("Open", Assert.Single(entries).Command);
        var call = Assert.Single(_calls);
        Assert.Equal(new ReadAudit(AllDay), call.Operation);
        Assert.Equal(new ItsmResource(Tenant, null, null, null), call.Resource);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.ReadAuditAsync(default, Agent, AllDay))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.ReadAuditAsync(Tenant, null!, AllDay))).ParamName);
        Assert.Equal("period", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.ReadAuditAsync(Tenant, Agent, new Interval(null, null)))).ParamName);
    }

    [Fact]
    public async Task ReadFeed_asks_with_ReadFeed_the_checkpoint_and_only_the_tenant()
    {
        var (engine, _) = await WithIncidentAsync();

        var entries = await engine.ReadFeedAsync(Tenant, Agent, 0, 10);

        Assert.Equal((1L, "Open"), (Assert.Single(entries).Position, entries[0].Entry.Command));
        var call = Assert.Single(_calls);
        Assert.Equal(new ReadFeed(0, 10), call.Operation);
        Assert.Equal(new ItsmResource(Tenant, null, null, null), call.Resource);
        _rule = (actor, _, _) => actor != Stranger;
        var denied = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.ReadFeedAsync(Tenant, Stranger, 0, 10));
        Assert.Equal("ReadFeed", denied.Action);
        Assert.Equal("after", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.ReadFeedAsync(Tenant, Agent, -1, 10))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.ReadFeedAsync(Tenant, null!, 0, 10))).ParamName);
    }

    [Fact]
    public async Task Save_asks_with_SaveRecord_carrying_the_typed_events_and_the_record()
    {
        var (engine, id) = await WithIncidentAsync();
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        incident.Assign(Agent, new SupportGroupId("Network"), "bob");
        incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        _calls.Clear();

        var saved = await engine.Incidents.SaveAsync(incident, Agent);

        Assert.Equal(3, saved.Version);
        var call = Assert.Single(_calls);
        var save = Assert.IsType<SaveRecord>(call.Operation);
        Assert.Equal(2, save.Events.Count);
        Assert.Equal(new IncidentAssigned(new SupportGroupId("Network"), "bob"), save.Events[0]);
        Assert.IsType<IncidentPutOnHold>(save.Events[1]);
        Assert.Equal((Tenant, "Incident", id.ToString()), (call.Resource.Tenant, call.Resource.RecordType, call.Resource.RecordId));
        Assert.Same(incident, call.Resource.Record);
        Assert.Equal("Save", save.Name);
    }

    // ---- Refusals: nothing returned, nothing written --------------------------------------------

    [Fact]
    public async Task Every_read_path_refuses_a_denied_actor()
    {
        var (engine, id) = await WithIncidentAsync();
        _rule = (actor, _, _) => actor != Stranger;

        var get = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.GetAsync(Tenant, id, Stranger));
        var find = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.FindAsync(Tenant, id, Stranger));
        var query = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.QueryAsync(Tenant, Stranger));
        var history = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ReadHistoryAsync(Tenant, id, Stranger));
        var audit = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.ReadAuditAsync(Tenant, Stranger, AllDay));

        Assert.Equal(["Read", "Read", "Query", "ReadHistory", "ReadAudit"], new[] { get, find, query, history, audit }.Select(e => e.Action));
        Assert.All(new[] { get, find, query, history, audit }, e => Assert.Equal((ItsmAuthorizationException.ErrorCode, false, "mallory"), (e.Code, e.AuthorizerFailed, e.Actor.Id)));
        Assert.Equal("'mallory' may not run Query on the Incident records of tenant 'acme'.", query.Message);
        Assert.Equal("'mallory' may not run ReadAudit on tenant 'acme'.", audit.Message);
        Assert.Equal($"'mallory' may not run ReadHistory on Incident '{id}' of tenant 'acme'.", history.Message);
    }

    [Fact]
    public async Task An_authorizer_that_fails_on_a_read_refuses_it_with_its_error_inside()
    {
        var (engine, id) = await WithIncidentAsync();
        _failure = new InvalidOperationException("policy service down");

        var errors = new[]
        {
            await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.GetAsync(Tenant, id, Agent)),
            await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.QueryAsync(Tenant, Agent)),
            await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ReadHistoryAsync(Tenant, id, Agent)),
            await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.ReadAuditAsync(Tenant, Agent, AllDay)),
        };

        Assert.All(errors, e => Assert.True(e.AuthorizerFailed));
        Assert.All(errors, e => Assert.Same(_failure, e.InnerException));
        Assert.Equal($"The authorizer failed while checking whether 'agent.smith' may run Read on Incident '{id}' of tenant 'acme', so the operation was refused.", errors[0].Message);
    }

    [Fact]
    public async Task A_denied_or_failing_save_writes_nothing_and_publishes_nothing()
    {
        var (engine, id) = await WithIncidentAsync();
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        incident.Assign(Agent, new SupportGroupId("Network"));
        var before = await SnapshotAsync(id);
        var published = _published;

        _rule = (_, operation, _) => operation is not SaveRecord;
        var denied = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.SaveAsync(incident, Agent));
        _rule = (_, _, _) => true;
        _failure = new InvalidOperationException("policy service down");
        var failed = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.SaveAsync(incident, Agent));

        Assert.Equal(("Save", false, true), (denied.Action, denied.AuthorizerFailed, failed.AuthorizerFailed));
        Assert.Equal($"'agent.smith' may not run Save on Incident '{id}' of tenant 'acme'.", denied.Message);
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal(published, _published);
        Assert.Single(incident.UncommittedAuditEntries); // still the caller's to retry
    }

    [Fact]
    public async Task Load_command_and_save_by_an_actor_who_may_not_assign_is_refused_and_writes_nothing()
    {
        // The measured bug: a caller, allowed to read their own incident but not to assign it, loaded it,
        // assigned it on their copy and saved it, and the engine wrote it.
        var (engine, id) = await WithIncidentAsync();
        _rule = (actor, operation, resource) => operation switch
        {
            ReadRecord => actor.HasRole("itil") || (resource.Record is Incident own && own.CallerId == actor.Id),
            AssignIncident => actor.HasRole("itil"),
            SaveRecord save => actor.HasRole("itil") || save.Events.All(e => e is CallerResponseRecorded),
            _ => false,
        };
        var before = await SnapshotAsync(id);

        var incident = await engine.Incidents.GetAsync(Tenant, id, Caller);
        incident.Assign(Caller, new SupportGroupId("Network"), Caller.Id);
        var refused = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.SaveAsync(incident, Caller));
        var viaCommand = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Caller, new AssignIncident(new SupportGroupId("Network"), Caller.Id)));

        Assert.Equal(("Save", "Assign"), (refused.Action, viaCommand.Action));
        Assert.Equal([new IncidentAssigned(new SupportGroupId("Network"), Caller.Id)], Assert.IsType<SaveRecord>(refused.Operation).Events);
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal(IncidentState.New, (await engine.Incidents.GetAsync(Tenant, id, Agent)).State);
    }

    [Fact]
    public async Task A_rule_written_only_for_commands_denies_every_read_and_save()
    {
        _rule = (actor, operation, _) => operation switch
        {
            OpenIncident => true,
            AssignIncident => actor.HasRole("itil"),
            _ => false,
        };
        var (engine, id) = await WithIncidentAsync();
        var assigned = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        assigned.Record.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        var before = await SnapshotAsync(id);

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.GetAsync(Tenant, id, Agent));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.FindAsync(Tenant, id, Agent));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.QueryAsync(Tenant, Agent));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ReadHistoryAsync(Tenant, id, Agent));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.ReadAuditAsync(Tenant, Agent, AllDay));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.SaveAsync(assigned.Record, Agent));

        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal(2, assigned.Version);
    }

    [Fact]
    public async Task FromRule_and_AllowAll_see_read_operations()
    {
        var seen = new List<ItsmOperation>();
        var engine = new ItsmEngine(_store, ItsmAuthorizers.FromRule((_, operation, _) =>
        {
            seen.Add(operation);
            return operation is OpenIncident;
        }), _clock);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident(Caller.Id, "Cannot send e-mail", Impact.Medium, Urgency.Medium));

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.GetAsync(Tenant, id, Agent));
        var open = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, _clock);

        Assert.Equal([typeof(OpenIncident), typeof(ReadRecord)], seen.Select(o => o.GetType()));
        Assert.Equal(1, (await open.Incidents.GetAsync(Tenant, id, Agent)).Version);
        Assert.Single(await open.ReadAuditAsync(Tenant, Agent, AllDay));
    }

    [Fact]
    public async Task A_replay_of_an_idempotency_key_asks_the_authorizer_about_the_command_it_repeats()
    {
        var (engine, id) = await WithIncidentAsync();
        var options = new CommandOptions { IdempotencyKey = "assign-1" };
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), options);
        var createOptions = new CommandOptions { IdempotencyKey = "open-1" };
        var open = new OpenIncident(Caller.Id, "VPN down", Impact.Low, Urgency.Low);
        var created = await engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, open, createOptions);
        _rule = (actor, _, _) => actor != Stranger;
        _calls.Clear();

        var replayed = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), options);
        var refused = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Stranger, new AssignIncident(new SupportGroupId("Network")), options));
        var refusedCreate = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Stranger, open, createOptions));

        Assert.True(replayed.Replayed);
        Assert.Equal(("Assign", "Open"), (refused.Action, refusedCreate.Action));
        Assert.Equal(new ItsmResource(Tenant, "Incident", created.Record.Id.ToString(), null), refusedCreate.Resource);
        Assert.Equal(id.ToString(), refused.Resource.RecordId);
        Assert.IsType<Incident>(refused.Resource.Record);
        Assert.Equal(3, _calls.Count);
    }

    [Fact]
    public async Task Reads_and_saves_refuse_missing_arguments_naming_them()
    {
        var (engine, id) = await WithIncidentAsync();
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);

        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.GetAsync(Tenant, id, null!))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.FindAsync(Tenant, id, null!))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.QueryAsync(Tenant, null!))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.QueryAsync(default, Agent))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.ReadHistoryAsync(Tenant, id, null!))).ParamName);
        Assert.Equal("id", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.ReadHistoryAsync(Tenant, default, Agent))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.SaveAsync(incident, null!))).ParamName);
        Assert.Equal("record", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.SaveAsync(null!, Agent))).ParamName);
        Assert.Single(_calls); // the GetAsync above; no refused call asked
    }

    [Fact]
    public void Operation_types_name_themselves_and_check_their_arguments()
    {
        Assert.Equal(
            ["Read", "Query", "ReadHistory", "ReadAudit", "ReadFeed", "Save"],
            new ItsmOperation[] { new ReadRecord(), new QueryRecords(new RecordQuery()), new ReadHistory(), new ReadAudit(AllDay), new ReadFeed(0, 100), new SaveRecord([]) }.Select(o => o.Name));
        Assert.Equal((41L, 10), (new ReadFeed(41, 10).After, new ReadFeed(41, 10).Max));
        Assert.Equal("After", Assert.ThrowsAny<ArgumentException>(() => new ReadFeed(-1, 10)).ParamName);
        Assert.Equal("Max", Assert.ThrowsAny<ArgumentException>(() => new ReadFeed(0, 0)).ParamName);
        Assert.Equal("Query", Assert.ThrowsAny<ArgumentException>(() => new QueryRecords(null!)).ParamName);
        Assert.Equal("Events", Assert.ThrowsAny<ArgumentException>(() => new SaveRecord(null!)).ParamName);
        Assert.IsAssignableFrom<ItsmOperation>(new AssignIncident(new SupportGroupId("Network")));
    }

    private async Task<string> SnapshotAsync(IncidentId id)
    {
        var loaded = await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString());
        var history = await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
        var rows = await _store.QueryAsync(Tenant, new RecordQuery());
        return $"v{loaded?.Version} {loaded?.State} | {string.Join(",", history.Select(e => e.Version + e.Command))} | {string.Join(",", rows.Select(r => r.RecordId + ":" + r.Version + ":" + r.Index.State))}";
    }

    private sealed class Recording(AggregateServiceAuthorizationTests test) : IItsmAuthorizer
    {
        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
        {
            test._calls.Add((actor, operation, resource));
            return test._failure is { } failure ? ValueTask.FromException<bool>(failure) : ValueTask.FromResult(test._rule(actor, operation, resource));
        }
    }

    private sealed class CountingPublisher(AggregateServiceAuthorizationTests test) : IDomainEventPublisher
    {
        public ValueTask PublishAsync(IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
        {
            test._published++;
            return ValueTask.CompletedTask;
        }
    }
}
