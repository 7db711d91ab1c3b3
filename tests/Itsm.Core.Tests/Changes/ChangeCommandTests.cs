using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

using Itsm.Core.Tests.Incidents;

namespace Itsm.Core.Tests.Changes;

/// <summary>
/// The typed change commands through the engine: each writes the audit entry its method writes (the
/// engine's actor approving or implementing), the authorizer sees the command object itself,
/// idempotency keys fingerprint the value arguments (not the risk policy or the calendar), and a
/// change opened through the engine gets the engine's change authority policy.
/// </summary>
public sealed class ChangeCommandTests
{
    private static readonly ChangeId Id = new(new Guid("55555555-5555-5555-5555-555555555555"));

    private static readonly OpenChange Open = new(ChangeType.Normal, "Patch the mail relay", PlanText, new ServiceId("email"), [new ConfigurationItemId("ci:mail-relay-01")], Implementer.Id);

    private readonly FakeClock _clock = NewClock();
    private readonly InMemoryAggregateStore _store = new();

    /// <summary>The steps of a normal change's life, each as a typed command and as the method call it stands for.</summary>
    public static IEnumerable<(RecordCommand<Change> Command, Actor Actor, Action<Change, Actor> Direct)> Life() =>
    [
        (new SubmitChange(), Requester, (c, a) => c.Submit(a)),
        (new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string>(), false), Coordinator, (c, a) => c.AssessRisk(a, RiskPolicy.Default, new Dictionary<string, string>(), false)),
        (new RequestChangeAuthorization(), Coordinator, (c, a) => c.RequestAuthorization(a)),
        (new RejectChange("Back-out plan missing."), Approver3, (c, a) => c.Reject(a, "Back-out plan missing.")),
        // Rejected back to New: the scope may change again before the next authorisation.
        (new ChangeChangeService(new ServiceId("web"), new ServiceOfferingId("web-gold")), Coordinator, (c, a) => c.ChangeService(a, new ServiceId("web"), new ServiceOfferingId("web-gold"))),
        (new AddChangeConfigurationItem(new ConfigurationItemId("ci:web-01")), Coordinator, (c, a) => c.AddConfigurationItem(a, new ConfigurationItemId("ci:web-01"))),
        (new RemoveChangeConfigurationItem(new ConfigurationItemId("ci:mail-relay-01")), Coordinator, (c, a) => c.RemoveConfigurationItem(a, new ConfigurationItemId("ci:mail-relay-01"))),
        (new AssignChangeToSupplier(new SupplierId("acme")), Coordinator, (c, a) => c.AssignToSupplier(a, new SupplierId("acme"))),
        (new AssignChange(new SupportGroupId("change-team")), Coordinator, (c, a) => c.Assign(a, new SupportGroupId("change-team"))),
        (new EditChangePlan("A better plan."), Coordinator, (c, a) => c.EditPlan(a, "A better plan.")),
        (new SubmitChange(), Requester, (c, a) => c.Submit(a)),
        (new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string>(), true), Coordinator, (c, a) => c.AssessRisk(a, RiskPolicy.Default, new Dictionary<string, string>(), true)),
        (new RequestChangeAuthorization(), Coordinator, (c, a) => c.RequestAuthorization(a)),
        (new DelegateChangeApproval("deputy.white"), Approver1, (c, a) => c.DelegateApproval(a, "deputy.white")),
        (new ApproveChange(), Approver1, (c, a) => c.Approve(a)),
        (new EditChangeWindow(OtherWindow), Coordinator, (c, a) => c.EditWindow(a, OtherWindow)),
        (new ApproveChange(), Approver2, (c, a) => c.Approve(a)),
        (new ScheduleChange(Window, ChangeCalendar.Empty), Coordinator, (c, a) => c.Schedule(a, Window, ChangeCalendar.Empty)),
        (new StartChangeImplementation(), Implementer, (c, a) => c.StartImplementation(a)),
        (new AddChangeWorkNote("Relay patched; queue draining."), Implementer, (c, a) => c.AddWorkNote(a, "Relay patched; queue draining.")),
        (new AddChangeComment("Mail may be slow for an hour."), Coordinator, (c, a) => c.AddComment(a, "Mail may be slow for an hour.")),
        (new LogChangeTime(Duration.FromMinutes(90)), Implementer, (c, a) => c.LogTime(a, Duration.FromMinutes(90))),
        (new CompleteChangeImplementation(), Implementer, (c, a) => c.CompleteImplementation(a)),
        (new CloseChange(ChangeReviewOutcome.SuccessfulWithIssues, "Queue drained slowly."), Coordinator, (c, a) => c.Close(a, ChangeReviewOutcome.SuccessfulWithIssues, "Queue drained slowly.")),
    ];

    [Fact]
    public async Task Every_typed_command_writes_the_entry_its_method_writes()
    {
        var engine = Engine();
        var created = await engine.Changes.CreateAsync(Tenant, Id, Requester, Open);
        var direct = Change.Open(Tenant, Id, ChangeType.Normal, Requester, "Patch the mail relay", PlanText, new ServiceId("email"), [new ConfigurationItemId("ci:mail-relay-01")], _clock, Implementer.Id);
        Assert.Equal(TypedEventCheck.Text(direct.UncommittedAuditEntries[0]), TypedEventCheck.Text(Assert.Single(created.Events)));

        var names = new HashSet<string>();
        foreach (var (command, actor, call) in Life())
        {
            _clock.Advance(Duration.FromMinutes(5));
            var result = await engine.Changes.ExecuteAsync(Tenant, Id, actor, command);
            call(direct, actor);

            Assert.Equal(TypedEventCheck.Text(direct.UncommittedAuditEntries[^1]), TypedEventCheck.Text(Assert.Single(result.Events)));
            Assert.Equal(command.Name, result.Events[0].Command);
            Assert.Equal(Change.RecordType, command.RecordType);
            Assert.Equal(direct.State, result.Record.State);
            Assert.Equal(direct.Version, result.Version);
            names.Add(command.Name);
        }

        // TransitionWorkflow needs a workflow (WorkflowEngineTests runs it), ApprovalOverdue a level with a due time (ApprovalOverdueEngineTests).
        Assert.Equal(Enum.GetNames<ChangeCommand>().Except(["Cancel", "TransitionWorkflow", "ApprovalOverdue"]).Order(), names.Order());
        var history = await _store.ReadHistoryAsync(Tenant, Change.RecordType, Id.ToString());
        Assert.Equal(direct.UncommittedAuditEntries.Select(TypedEventCheck.Text), history.Select(TypedEventCheck.Text));
        TypedEventCheck.AssertTyped(history);
        var stored = await engine.Changes.GetAsync(Tenant, Id, IncidentFixtures.Agent);
        Assert.Equal(["approver.two"], stored.Approvals.Select(a => a.ApproverId));
        Assert.Equal(Implementer.Id, stored.ImplementerId);
        Assert.Equal(ChangeReviewOutcome.SuccessfulWithIssues, stored.Outcome);
    }

    [Fact]
    public async Task Cancel_and_an_emergency_open_write_the_entries_their_methods_write()
    {
        var engine = Engine();
        var open = new OpenChange(ChangeType.Emergency, "Patch the mail relay", PlanText, new ServiceId("web"), [], Rejection: RejectionPolicy.Cancel);
        var created = await engine.Changes.CreateAsync(Tenant, Id, Requester, open);
        var direct = Change.Open(Tenant, Id, ChangeType.Emergency, Requester, "Patch the mail relay", PlanText, new ServiceId("web"), [], _clock, rejection: RejectionPolicy.Cancel);
        var result = await engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new CancelChange("Superseded by CHG0050."));
        direct.Cancel(Coordinator, "Superseded by CHG0050.");

        Assert.Equal(direct.UncommittedAuditEntries.Select(TypedEventCheck.Text), created.Events.Concat(result.Events).Select(TypedEventCheck.Text));
        Assert.Equal(new ChangeCanceled("Superseded by CHG0050."), result.Events[0].Event);
    }

    [Fact]
    public async Task The_engine_opens_a_change_under_its_change_authority_policy()
    {
        var authority = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2, ecabQuorum: 1);
        var engine = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions { ChangeAuthority = authority });

        var created = await engine.Changes.CreateAsync(Tenant, Id, Requester, new OpenChange(ChangeType.Emergency, "Patch the mail relay", PlanText, new ServiceId("email"), []));

        Assert.Same(authority, created.Record.AuthorityPolicy);
        Assert.NotSame(ChangeAuthorityPolicy.Default, created.Record.AuthorityPolicy);
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_a_refused_approval_writes_nothing()
    {
        var seen = new List<(Actor Actor, ItsmCommand Command)>();
        var engine = Engine(ItsmAuthorizers.FromRule((actor, operation, resource) =>
        {
            if (operation is ItsmCommand command)
            {
                seen.Add((actor, command));
            }

            return operation is not ApproveChange;
        }));
        await engine.Changes.CreateAsync(Tenant, Id, Requester, Open);
        foreach (var (command, actor, _) in Life().Take(3))
        {
            await engine.Changes.ExecuteAsync(Tenant, Id, actor, command);
        }

        var approve = new ApproveChange();
        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Changes.ExecuteAsync(Tenant, Id, Approver1, approve));

        Assert.Equal($"'approver.one' may not run Approve on Change '{Id}' of tenant 'acme'.", error.Message);
        Assert.Same(Open, seen[0].Command);
        Assert.Same(approve, seen[^1].Command);
        Assert.Equal(Approver1, seen[^1].Actor);
        var after = await engine.Changes.GetAsync(Tenant, Id, IncidentFixtures.Agent);
        Assert.Equal(4, after.Version);
        Assert.Empty(after.Approvals);
        Assert.Equal(4, (await _store.ReadHistoryAsync(Tenant, Change.RecordType, Id.ToString())).Count);

        var rejected = await engine.Changes.ExecuteAsync(Tenant, Id, Approver1, new RejectChange("Back-out plan missing."));
        Assert.Equal(new ChangeRejected("approver.one", "Back-out plan missing.", RejectionPolicy.ReturnToNew, 0), rejected.Events[0].Event);
    }

    [Fact]
    public async Task The_same_key_and_arguments_replay_whatever_the_risk_policy_and_different_arguments_conflict()
    {
        var engine = Engine();
        await engine.Changes.CreateAsync(Tenant, Id, Requester, Open);
        await engine.Changes.ExecuteAsync(Tenant, Id, Requester, new SubmitChange());
        var key = new CommandOptions { IdempotencyKey = "assess-1" };
        var strict = new RiskPolicy([], moderateFrom: 1, highFrom: 1, criticalServices: ["email"]);

        var first = await engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string>(), false), key);
        var again = await engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new AssessChangeRisk(strict, new Dictionary<string, string>(), false), key);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(3, again.Version);
        Assert.Equal(ChangeRisk.Low, again.Record.Risk);

        foreach (var other in new RecordCommand<Change>[]
        {
            new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string>(), true),
            new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string> { ["impact"] = "low" }, false),
            new RequestChangeAuthorization(),
        })
        {
            var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, other, key));
            Assert.Equal("Idempotency key 'assess-1' of tenant 'acme' was already used with a different payload.", conflict.Message);
        }

        Assert.Equal(3, (await engine.Changes.GetAsync(Tenant, Id, IncidentFixtures.Agent)).Version);
    }

    [Fact]
    public async Task A_schedule_replays_with_another_calendar_and_conflicts_with_another_window()
    {
        var engine = Engine();
        await engine.Changes.CreateAsync(Tenant, Id, Requester, new OpenChange(ChangeType.Standard, "Patch the mail relay", PlanText, new ServiceId("email"), []));
        var key = new CommandOptions { IdempotencyKey = "schedule-1" };
        var busy = new ChangeCalendar([new ScheduledChange(ChangeId.New(), ChangeType.Normal, Window, ["email"], [])]);

        await engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty), key);
        var again = await engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new ScheduleChange(Window, busy), key);
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new ScheduleChange(OtherWindow, ChangeCalendar.Empty), key));

        Assert.True(again.Replayed);
        Assert.Equal("Idempotency key 'schedule-1' of tenant 'acme' was already used with a different payload.", conflict.Message);
        Assert.Equal(Window, (await engine.Changes.GetAsync(Tenant, Id, IncidentFixtures.Agent)).Window);
    }

    [Fact]
    public async Task A_create_replays_under_its_key_and_conflicts_with_other_arguments()
    {
        var engine = Engine();
        var key = new CommandOptions { IdempotencyKey = "open-1" };
        await engine.Changes.CreateAsync(Tenant, Id, Requester, Open, key);

        var retry = await engine.Changes.CreateAsync(Tenant, ChangeId.New(), Requester, Open with { ConfigurationItems = new List<ConfigurationItemId> { new("ci:mail-relay-01") } }, key);

        Assert.True(retry.Replayed);
        Assert.Equal(Id, retry.Record.Id);
        foreach (var other in new[]
        {
            Open with { Type = ChangeType.Emergency },
            Open with { ConfigurationItems = [] },
            Open with { ImplementerId = null },
            Open with { Rejection = RejectionPolicy.Cancel },
        })
        {
            await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Changes.CreateAsync(Tenant, ChangeId.New(), Requester, other, key));
        }
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_as_the_method_refuses_them_even_under_a_key()
    {
        var engine = Engine();
        await engine.Changes.CreateAsync(Tenant, Id, Requester, Open);
        await engine.Changes.ExecuteAsync(Tenant, Id, Requester, new SubmitChange());
        var key = new CommandOptions { IdempotencyKey = "bad-1" };

        var nullAnswers = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new AssessChangeRisk(RiskPolicy.Default, null!, false), key));
        var nullPolicy = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new AssessChangeRisk(null!, new Dictionary<string, string>(), false), key));
        var emptyWindow = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Changes.ExecuteAsync(Tenant, Id, Coordinator, new EditChangeWindow(new Interval(Window.Start, Window.Start)), key));
        var nothing = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Changes.CreateAsync(Tenant, ChangeId.New(), Requester, Open with { Service = null, ConfigurationItems = [] }, key));
        var duplicate = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Changes.CreateAsync(Tenant, ChangeId.New(), Requester, Open with { ConfigurationItems = [new("a"), new("a")] }, key));

        Assert.Equal("answers", nullAnswers.ParamName);
        Assert.Equal("policy", nullPolicy.ParamName);
        Assert.Equal("window", emptyWindow.ParamName);
        Assert.Equal("service", nothing.ParamName);
        Assert.Equal("configurationItems", duplicate.ParamName);
        Assert.Equal(2, (await engine.Changes.GetAsync(Tenant, Id, IncidentFixtures.Agent)).Version);
    }

    private ItsmEngine Engine(IItsmAuthorizer? authorizer = null) => new(_store, authorizer ?? ItsmAuthorizers.AllowAll, _clock);
}
