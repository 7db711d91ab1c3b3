using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Core.Tests.Sla;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>The application service: load, authorize, execute, save, publish — and nothing written when a step fails.</summary>
public sealed class AggregateServiceTests
{
    private static readonly TenantId Tenant = IncidentFixtures.Tenant;
    private static readonly Actor Agent = IncidentFixtures.Agent;

    private readonly FakeClock _clock = IncidentFixtures.NewClock();
    private readonly InMemoryAggregateStore _store = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingAuthorizer _authorizer = new();

    private ItsmEngine Engine(ItsmEngineOptions? options = null) => new(_store, _authorizer, _clock, options, _publisher);

    private static OpenIncident OpenIncident(IncidentId id) => new("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email"));

    [Fact]
    public async Task Create_then_get_returns_an_equal_record_at_version_1()
    {
        var engine = Engine();
        var id = IncidentId.New();

        var created = await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        var loaded = await engine.Incidents.GetAsync(Tenant, id, Agent);

        Assert.Equal(1, created.Version);
        Assert.False(created.Replayed);
        Assert.Equal("Open", Assert.Single(created.Events).Command);
        Assert.Equal(1, loaded.Version);
        Assert.Empty(loaded.UncommittedAuditEntries);
        Assert.Equal(IncidentState.New, loaded.State);
        Assert.Equal("email", loaded.Service?.Value);
        Assert.Equal(created.Record.OpenedAt, loaded.OpenedAt);
        Assert.Equal(("Open", "Incident", id.ToString()), (_authorizer.Calls[0].Action, _authorizer.Calls[0].Resource.RecordType, _authorizer.Calls[0].Resource.RecordId));
        Assert.Null(_authorizer.Calls[0].Resource.Record);
    }

    [Fact]
    public async Task Execute_saves_the_new_state_index_and_audit_and_publishes_after_commit()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        _clock.Advance(Duration.FromMinutes(5));

        var result = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network"), Agent.Id));

        Assert.Equal(2, result.Version);
        Assert.Equal(IncidentState.InProgress, result.Record.State);
        var published = _publisher.Batches.Last();
        Assert.Equal((2L, "Assign"), (Assert.Single(published).Version, published[0].Command));
        var history = await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
        Assert.Equal(["Open", "Assign"], history.Select(e => e.Command));
        var byGroup = await _store.QueryAsync(Tenant, new RecordQuery { AssignmentGroup = "Network" });
        Assert.Equal(id.ToString(), Assert.Single(byGroup).RecordId);
        Assert.Equal("InProgress", byGroup[0].Index.State);
        Assert.Same(result.Record, _authorizer.Calls.Last().Resource.Record);
    }

    [Fact]
    public async Task A_denied_command_is_refused_and_writes_nothing()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        _authorizer.Deny = true;
        var assign = new AssignIncident(new SupportGroupId("Network"));

        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() =>
            engine.Incidents.ExecuteAsync(Tenant, id, Agent, assign));

        Assert.Equal("ITSM-AUTH-DENIED-001", error.Code);
        Assert.False(error.AuthorizerFailed);
        Assert.Equal($"'agent.smith' may not run Assign on Incident '{id}' of tenant 'acme'.", error.Message);
        Assert.Same(assign, error.Command);
        Assert.Same(assign, _authorizer.Calls[^1].Operation);
        Assert.Equal(1, (await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))?.Version);
        Assert.Single(_publisher.Batches);
    }

    [Fact]
    public async Task An_authorizer_that_fails_refuses_the_command_with_its_error_inside()
    {
        var engine = Engine();
        var id = IncidentId.New();
        _authorizer.Failure = new InvalidOperationException("policy service down");

        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id)));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.True(error.AuthorizerFailed);
        Assert.Null(await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()));
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_what_it_allows_is_what_runs()
    {
        var id = IncidentId.New();
        var engine = new ItsmEngine(_store, ItsmAuthorizers.FromRule((_, command, _) => command is not CancelIncident), _clock);
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        var assigned = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network"), "bob"));
        var refused = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new CancelIncident("duplicate")));

        Assert.Equal(new IncidentAssigned(new SupportGroupId("Network"), "bob"), Assert.Single(assigned.Events).Event);
        Assert.Equal(("Cancel", typeof(CancelIncident)), (refused.Action, refused.Operation.GetType()));
        Assert.Equal(IncidentState.InProgress, (await engine.Incidents.GetAsync(Tenant, id, Agent)).State);
    }

    [Fact]
    public async Task A_refused_transition_propagates_and_writes_nothing()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new CloseIncident()));

        Assert.Single(await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString()));
    }

    [Fact]
    public async Task An_expected_version_that_is_not_the_stored_one_refuses_before_the_command_runs()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => engine.Incidents.ExecuteAsync(
            Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), new CommandOptions { ExpectedVersion = 7 }));

        Assert.Equal((7L, 1L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Single(_authorizer.Calls); // the create's: the command was neither authorized nor run
        Assert.Equal(1, (await engine.Incidents.GetAsync(Tenant, id, Agent)).Version);
    }

    [Fact]
    public async Task Two_writers_from_the_same_version_one_wins_the_other_conflicts()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        var a = await engine.Incidents.GetAsync(Tenant, id, Agent);
        var b = await engine.Incidents.GetAsync(Tenant, id, Agent);
        a.Assign(Agent, new SupportGroupId("Network"));
        b.Cancel(Agent, "duplicate");

        var saved = await engine.Incidents.SaveAsync(b, Agent);
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => engine.Incidents.SaveAsync(a, Agent));

        Assert.Equal(2, saved.Version);
        Assert.Equal((1L, 2L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(IncidentState.Canceled, (await engine.Incidents.GetAsync(Tenant, id, Agent)).State);
        Assert.Single(a.UncommittedAuditEntries);
    }

    [Fact]
    public async Task Creating_a_record_that_exists_is_a_conflict()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id)));

        Assert.Equal((0L, 1L), (error.ExpectedVersion, error.ActualVersion));
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_with_the_same_payload_returns_the_first_result_and_writes_nothing()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        var options = new CommandOptions { IdempotencyKey = "req-1" };

        var first = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), options);
        var again = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), options);

        Assert.Equal((2L, false), (first.Version, first.Replayed));
        Assert.Equal((2L, true), (again.Version, again.Replayed));
        Assert.Empty(again.Events);
        Assert.Equal(2, _publisher.Batches.Count);
        Assert.Equal(2, (await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString())).Count);
    }

    public static TheoryData<RecordCommand<Incident>> OtherCommands => new()
    {
        new AssignIncident(new SupportGroupId("Storage")),
        new AssignIncident(new SupportGroupId("Network"), "bob"),
        new AssignIncident(new SupportGroupId("Network"), ""),
        new CancelIncident("Network"),
        new EscalateIncidentFunctionally(new SupportGroupId("Network"), "Network"),
    };

    [Theory]
    [MemberData(nameof(OtherCommands))]
    public async Task Reusing_an_idempotency_key_for_another_command_or_other_arguments_is_refused(RecordCommand<Incident> other)
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")), new CommandOptions { IdempotencyKey = "req-1" });

        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Incidents.ExecuteAsync(
            Tenant, id, Agent, other, new CommandOptions { IdempotencyKey = "req-1" }));

        Assert.Equal("ITSM-PERSIST-IDEMPOTENCY-001", error.Code);
        Assert.Equal(2, (await engine.Incidents.GetAsync(Tenant, id, Agent)).Version);
    }

    [Fact]
    public async Task A_replayed_create_returns_the_first_record()
    {
        var engine = Engine();
        var id = IncidentId.New();
        var options = new CommandOptions { IdempotencyKey = "create-1" };

        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id), options);
        var again = await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id), options);

        Assert.True(again.Replayed);
        Assert.Equal(1, again.Version);
    }

    [Fact]
    public async Task A_retried_create_with_a_new_id_returns_the_record_the_key_first_created()
    {
        var engine = Engine();
        var first = IncidentId.New();
        var retry = IncidentId.New();
        var options = new CommandOptions { IdempotencyKey = "create-2" };

        await engine.Incidents.CreateAsync(Tenant, first, Agent, OpenIncident(first), options);
        var again = await engine.Incidents.CreateAsync(Tenant, retry, Agent, OpenIncident(retry), options);
        var otherPayload = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            engine.Incidents.CreateAsync(Tenant, retry, Agent, OpenIncident(retry) with { ShortDescription = "Another thing" }, options));

        Assert.True(again.Replayed);
        Assert.Equal(first, again.Record.Id);
        Assert.Null(await engine.Incidents.FindAsync(Tenant, retry, Agent));
        Assert.Equal("create-2", otherPayload.Key);
    }

    [Fact]
    public async Task Records_of_another_tenant_are_not_found()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        var error = await Assert.ThrowsAsync<AggregateNotFoundException>(() => engine.Incidents.GetAsync(IncidentFixtures.OtherTenant, id, Agent));
        await Assert.ThrowsAsync<AggregateNotFoundException>(() => engine.Incidents.ExecuteAsync(IncidentFixtures.OtherTenant, id, Agent, new AssignIncident(new SupportGroupId("x"))));

        Assert.Equal("ITSM-PERSIST-NOTFOUND-001", error.Code);
        Assert.Equal($"Incident '{id}' of tenant 'globex' does not exist.", error.Message);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"v\":99}")]
    public async Task A_corrupt_state_row_gives_a_corrupt_record_error_and_stays_as_it_is(string state)
    {
        var engine = Engine();
        var id = IncidentId.New().ToString();
        var entry = new AuditEntry(Tenant, Incident.RecordType, id, 1, _clock.GetCurrentInstant(), Agent, "Open", "New", "New", new Dictionary<string, string>());
        await _store.SaveAsync(new AggregateWrite(Tenant, Incident.RecordType, id, 0, state, new RecordIndex("New", true, null, null, null, _clock.GetCurrentInstant(), null), [entry]));

        var error = await Assert.ThrowsAsync<CorruptRecordException>(() => engine.Incidents.GetAsync(Tenant, new IncidentId(Guid.Parse(id)), Agent));

        Assert.Equal("ITSM-PERSIST-CORRUPT-001", error.Code);
        Assert.StartsWith($"Incident '{id}' of tenant 'acme' is stored in a form that cannot be read: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(state, (await _store.LoadAsync(Tenant, Incident.RecordType, id))!.State);
    }

    [Fact]
    public async Task The_index_carries_the_next_sla_threshold_and_drops_it_while_the_clock_is_paused()
    {
        var engine = Engine(new ItsmEngineOptions
        {
            Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())],
            Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice },
        });
        var id = IncidentId.New();

        // Monday 09:00 London, P3: 16 business hours; the 50% warning is 8 business hours later, Monday 17:00.
        var created = await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        var due = Assert.Single(await _store.QueryAsync(Tenant, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true }));
        _clock.Advance(Duration.FromMinutes(5));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));

        Assert.Equal(Priority.Moderate, created.Record.Priority);
        Assert.Equal(SlaFixtures.Mon(17), due.Index.SlaDueAt);
        Assert.Equal(due.Index, created.Index);
        Assert.Empty(await _store.QueryAsync(Tenant, new RecordQuery { WithSlaDueOnly = true }));
        var expected = new SlaTracker([SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())])
            .Track(Incident.ReplayTicketHistory(created.Events))
            .Single()
            .Evaluate(SlaFixtures.UkOffice, SlaFixtures.Mon(9))
            .NextThresholdInstant;
        Assert.Equal(expected, due.Index.SlaDueAt);
    }

    [Fact]
    public async Task A_tickets_stored_state_does_not_grow_with_its_history()
    {
        var engine = Engine(new ItsmEngineOptions
        {
            Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())],
            Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice },
        });
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        var sizes = new List<int>();
        for (int i = 0; i < 60; i++)
        {
            _clock.Advance(Duration.FromMinutes(7));
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));
            _clock.Advance(Duration.FromMinutes(7));
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResumeIncident());
            sizes.Add((await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!.State.Length);
        }

        // The clock's elapsed and paused time change digits, never the number of entries.
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 16);
        var history = await engine.ReadIncidentTicketHistoryAsync(Tenant, id, Agent);
        Assert.Equal(122, history.Count);
        var replayed = engine.EvaluateSla(history).Single().Status;
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        Assert.Equal(replayed.BreachInstant, engine.PendingSlaThresholds(incident, Instant.MaxValue).Single(t => t.ThresholdPercent == 100.0).DueAt);
    }

    [Fact]
    public async Task A_clock_set_back_replays_as_the_ledger_counted_it()
    {
        var engine = Engine(new ItsmEngineOptions
        {
            Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())],
            Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice },
        });
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        _clock.Advance(Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        _clock.Advance(-Duration.FromMinutes(30));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));

        var history = await engine.ReadIncidentTicketHistoryAsync(Tenant, id, Agent);

        Assert.Equal(history[1].At, history[2].At);
        var replayed = engine.EvaluateSla(history).Single();
        Assert.Equal(SlaStage.Paused, replayed.Status.Stage);
        Assert.Equal(Duration.FromHours(1), replayed.Status.BusinessElapsed);
    }

    [Fact]
    public async Task EvaluateSla_gives_each_clock_of_a_ticket_at_the_clocks_instant()
    {
        var engine = Engine(new ItsmEngineOptions
        {
            Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())],
            Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice },
        });
        var id = IncidentId.New();
        var created = await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        _clock.Advance(Duration.FromHours(2));

        var clocks = engine.EvaluateSla(Incident.ReplayTicketHistory(created.Events));
        var withoutAgreements = Engine().EvaluateSla(Incident.ReplayTicketHistory(created.Events));

        var only = Assert.Single(clocks);
        Assert.Equal(("SLA-1", SlaStage.InProgress), (only.Clock.Agreement.Id, only.Status.Stage));
        Assert.Equal(Duration.FromHours(2), only.Status.BusinessElapsed);
        Assert.Equal(SlaFixtures.Mon(17), only.Status.NextThresholdInstant);
        Assert.Empty(withoutAgreements);
    }

    [Fact]
    public async Task A_publisher_failure_reaches_the_caller_but_the_command_stays_committed()
    {
        var engine = Engine();
        var id = IncidentId.New();
        _publisher.Failure = new InvalidOperationException("bus down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id)));

        Assert.Equal(1, (await engine.Incidents.GetAsync(Tenant, id, Agent)).Version);
    }

    [Fact]
    public async Task A_create_runs_with_the_engines_incident_options_so_the_priority_holds_after_a_reload()
    {
        var cells = new Dictionary<(Impact, Urgency), Priority>();
        foreach (var impact in Enum.GetValues<Impact>())
        {
            foreach (var urgency in Enum.GetValues<Urgency>())
            {
                cells[(impact, urgency)] = impact == Impact.Low && urgency == Urgency.Low ? Priority.Planning : PriorityMatrix.Default.PriorityFor(impact, urgency);
            }
        }

        var engine = Engine(new ItsmEngineOptions { Incidents = IncidentOptions.Default with { PriorityMatrix = new PriorityMatrix(cells) } });
        var id = IncidentId.New();

        var created = await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.jones", "Printer toner low", Impact.Low, Urgency.Low));
        var loaded = await engine.Incidents.GetAsync(Tenant, id, Agent);

        Assert.Equal((Priority.Planning, Priority.Planning), (created.Record.Priority, loaded.Priority));
        Assert.Equal((Tenant, id), (loaded.Tenant, loaded.Id));
    }

    [Fact]
    public async Task A_command_with_bad_arguments_is_refused_naming_the_argument_and_writes_nothing()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(default(SupportGroupId))));
        var badCreate = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, new OpenIncident("caller.jones", "", Impact.Low, Urgency.Low)));

        Assert.Equal(("group", "shortDescription"), (error.ParamName, badCreate.ParamName));
        Assert.Equal(1, (await engine.Incidents.GetAsync(Tenant, id, Agent)).Version);
        Assert.Single(await _store.QueryAsync(Tenant, new RecordQuery()));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_parameter()
    {
        var engine = Engine();

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.GetAsync(default, IncidentId.New(), Agent))).ParamName);
        Assert.Equal("id", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.GetAsync(Tenant, default, Agent))).ParamName);
        Assert.Equal("command", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.ExecuteAsync(Tenant, IncidentId.New(), Agent, (RecordCommand<Incident>)null!))).ParamName);
        Assert.Equal("command", (await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, (CreateCommand<Incident>)null!))).ParamName);
    }

    [Fact]
    public void Engine_options_that_name_a_missing_calendar_are_refused_listing_every_problem()
    {
        var options = new ItsmEngineOptions { Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget()), SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())] };

        var error = Assert.Throws<ArgumentException>(() => Engine(options));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("two agreements have the id 'SLA-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("agreement 'SLA-1' runs on calendar 'uk-office', which is not among the calendars", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingPublisher : IDomainEventPublisher
    {
        public List<IReadOnlyList<AuditEntry>> Batches { get; } = [];

        public Exception? Failure { get; set; }

        public ValueTask PublishAsync(IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
        {
            Batches.Add(events);
            return Failure is null ? ValueTask.CompletedTask : ValueTask.FromException(Failure);
        }
    }

    private sealed class RecordingAuthorizer : IItsmAuthorizer
    {
        public List<(Actor Actor, string Action, ItsmOperation Operation, ItsmResource Resource)> Calls { get; } = [];

        public bool Deny { get; set; }

        public Exception? Failure { get; set; }

        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
        {
            var action = operation.Name;
            Calls.Add((actor, action, operation, resource));
            return Failure is null ? ValueTask.FromResult(!Deny) : ValueTask.FromException<bool>(Failure);
        }
    }
}
