using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Core.Tests.ServiceDesk;

/// <summary>
/// The typed interaction commands through the engine: each one writes the audit entry the
/// interaction's method writes, the authorizer sees the command object itself, and an idempotency key
/// replays the same command and refuses a different one.
/// </summary>
public sealed class InteractionCommandTests
{
    private static readonly TenantId Tenant = InteractionTests.Tenant;
    private static readonly Actor Agent = InteractionTests.DeskAgent;
    private static readonly IncidentId Incident = new(Guid.Parse("0b6e2f7e-5d7c-4c1a-9a57-3c2f1d0e8b11"));
    private static readonly ServiceRequestId Request = new(Guid.Parse("7f1c9a2b-3e4d-4f5a-8b6c-9d0e1f2a3b4c"));

    public static TheoryData<string> Classifications => new(ClassificationsByName.Keys);

    private static readonly Dictionary<string, (RecordCommand<Interaction> Command, Action<Interaction, Actor> Direct)> ClassificationsByName = new()
    {
        ["incident"] = (new ClassifyInteractionAsIncident(Incident), (i, a) => i.ClassifyAsIncident(a, Incident)),
        ["incident resolved on first contact"] = (new ClassifyInteractionAsIncident(Incident, ResolvedOnFirstContact: true), (i, a) => i.ClassifyAsIncident(a, Incident, resolvedOnFirstContact: true)),
        ["service request"] = (new ClassifyInteractionAsServiceRequest(Request), (i, a) => i.ClassifyAsServiceRequest(a, Request)),
        ["answer"] = (new AnswerInteraction("Use the self-service portal."), (i, a) => i.AnswerOnFirstContact(a, "Use the self-service portal.")),
    };

    [Theory]
    [MemberData(nameof(Classifications))]
    public async Task Each_typed_command_writes_the_entry_its_method_writes(string classification)
    {
        var (command, run) = ClassificationsByName[classification];
        var test = new EngineHarness();
        var id = InteractionId.New();
        var direct = Interaction.Log(Tenant, id, Agent, Channel.Chat, "caller.jones", "Cannot send e-mail", test.Clock);

        var logged = await test.Engine.Interactions.CreateAsync(Tenant, id, Agent, new LogInteraction(Channel.Chat, "caller.jones", "Cannot send e-mail"));
        test.Clock.Advance(Duration.FromMinutes(3));
        var other = new Actor("agent.jones", "itil");
        run(direct, other);
        var result = await test.Engine.Interactions.ExecuteAsync(Tenant, id, other, command);

        AuditAssert.SameEntry(direct.UncommittedAuditEntries[0], Assert.Single(logged.Events));
        AuditAssert.SameEntry(direct.UncommittedAuditEntries[1], Assert.Single(result.Events));
        await test.AssertHistoryAsync(Tenant, Interaction.RecordType, id, direct.UncommittedAuditEntries);
        var stored = await test.Engine.Interactions.GetAsync(Tenant, id, Agent);
        Assert.Equal(
            (direct.State, direct.Version, direct.IncidentId, direct.ServiceRequestId, direct.Answer, direct.ResolvedOnFirstContact, direct.ShortDescription),
            (stored.State, stored.Version, stored.IncidentId, stored.ServiceRequestId, stored.Answer, stored.ResolvedOnFirstContact, stored.ShortDescription));
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_a_refusal_writes_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not ClassifyInteractionAsIncident);
        var id = InteractionId.New();
        var log = new LogInteraction(Channel.Phone, "caller.jones", "Mail is down");
        await test.Engine.Interactions.CreateAsync(Tenant, id, Agent, log);
        var classify = new ClassifyInteractionAsIncident(Incident);

        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, classify));

        Assert.Same(classify, error.Command);
        Assert.Equal(2, test.Asked.Count);
        Assert.Same(log, test.Asked[0]);
        Assert.Same(classify, test.Asked[1]);
        var stored = await test.Engine.Interactions.GetAsync(Tenant, id, Agent);
        Assert.Equal((InteractionState.Logged, 1L, (IncidentId?)null), (stored.State, stored.Version, stored.IncidentId));
        Assert.Single(await test.HistoryAsync(Tenant, Interaction.RecordType, id));
        // The rule refuses incident classifications only.
        await test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, new AnswerInteraction("Restart Outlook."));
    }

    [Fact]
    public async Task A_refused_log_creates_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not LogInteraction { Channel: Channel.Monitoring });
        var id = InteractionId.New();

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.Interactions.CreateAsync(Tenant, id, Agent, new LogInteraction(Channel.Monitoring, "probe-7", "Disk full")));

        Assert.Null(await test.Engine.Interactions.FindAsync(Tenant, id, Agent));
        Assert.Empty(await test.HistoryAsync(Tenant, Interaction.RecordType, id));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_command_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var id = InteractionId.New();
        await test.Engine.Interactions.CreateAsync(Tenant, id, Agent, new LogInteraction(Channel.Phone, "caller.jones", "Mail is down"));
        var options = new CommandOptions { IdempotencyKey = "classify-1" };

        var first = await test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, new ClassifyInteractionAsIncident(Incident), options);
        var again = await test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, new ClassifyInteractionAsIncident(Incident), options);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, new ClassifyInteractionAsIncident(Incident, ResolvedOnFirstContact: true), options));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.Interactions.ExecuteAsync(Tenant, id, Agent, new ClassifyInteractionAsIncident(IncidentId.New()), options));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(2, again.Version);
        Assert.Empty(again.Events);
        Assert.Equal(2, (await test.HistoryAsync(Tenant, Interaction.RecordType, id)).Count);
    }

    [Fact]
    public async Task An_idempotency_key_on_a_log_replays_the_first_interaction_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var first = InteractionId.New();
        var options = new CommandOptions { IdempotencyKey = "log-1" };

        await test.Engine.Interactions.CreateAsync(Tenant, first, Agent, new LogInteraction(Channel.Email, "caller.jones", "Mail is down"), options);
        var retry = await test.Engine.Interactions.CreateAsync(Tenant, InteractionId.New(), Agent, new LogInteraction(Channel.Email, "caller.jones", "Mail is down"), options);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.Interactions.CreateAsync(Tenant, InteractionId.New(), Agent, new LogInteraction(Channel.Phone, "caller.jones", "Mail is down"), options));

        Assert.True(retry.Replayed);
        Assert.Equal(first, retry.Record.Id);
    }
}
