using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

using Itsm.Core.Tests.Incidents;

namespace Itsm.Core.Tests.Problems;

/// <summary>
/// The typed problem commands through the engine: each writes the audit entry its method writes,
/// the authorizer sees the command object itself, and idempotency keys fingerprint the arguments.
/// </summary>
public sealed class ProblemCommandTests
{
    private static readonly ProblemId Id = new(new Guid("33333333-3333-3333-3333-333333333333"));

    private static readonly Itsm.Knowledge.KnowledgeArticleId Article = new(new Guid("44444444-4444-4444-4444-444444444444"));

    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    /// <summary>The steps of a problem's whole life, each as a typed command and as the method call it stands for.</summary>
    public static IEnumerable<(RecordCommand<Problem> Command, Actor Actor, Action<Problem, Actor> Direct)> Life() =>
    [
        (new AssessProblem(), Analyst, (p, a) => p.Assess(a)),
        (new LinkProblemIncident(LinkedIncident), Analyst, (p, a) => p.LinkIncident(a, LinkedIncident)),
        (new StartProblemRootCauseAnalysis(), Analyst, (p, a) => p.StartRootCauseAnalysis(a)),
        (new RecordProblemRootCause(RootCauseText), Analyst, (p, a) => p.RecordRootCause(a, RootCauseText)),
        (new DocumentProblemWorkaround(WorkaroundText), Analyst, (p, a) => p.DocumentWorkaround(a, WorkaroundText)),
        (new MarkProblemAsKnownError("Mail stays in the outbox", ["email", "ci:relay-01"]), Analyst, (p, a) => p.MarkAsKnownError(a, "Mail stays in the outbox", ["email", "ci:relay-01"])),
        (new LinkProblemKnowledgeArticle(Article), Analyst, (p, a) => p.LinkKnowledgeArticle(a, Article)),
        (new AssignProblem(new SupportGroupId("Problem management"), "analyst.king"), Manager, (p, a) => p.Assign(a, new SupportGroupId("Problem management"), "analyst.king")),
        (new RaiseProblemChange("CHG0042"), Analyst, (p, a) => p.RaiseChange(a, "CHG0042")),
        (new ChangeProblemService(new ServiceId("email"), new ServiceOfferingId("email-gold")), Analyst, (p, a) => p.ChangeService(a, new ServiceId("email"), new ServiceOfferingId("email-gold"))),
        (new AddProblemConfigurationItem(new ConfigurationItemId("mx01")), Analyst, (p, a) => p.AddConfigurationItem(a, new ConfigurationItemId("mx01"))),
        (new AssignProblemToSupplier(new SupplierId("acme-mail")), Analyst, (p, a) => p.AssignToSupplier(a, new SupplierId("acme-mail"))),
        (new RemoveProblemConfigurationItem(new ConfigurationItemId("mx01")), Analyst, (p, a) => p.RemoveConfigurationItem(a, new ConfigurationItemId("mx01"))),
        (new StartProblemFix(), Analyst, (p, a) => p.StartFix(a)),
        (new AddProblemWorkNote("The relay restarts every 30 days."), Analyst, (p, a) => p.AddWorkNote(a, "The relay restarts every 30 days.")),
        (new AddProblemComment("A fix is on its way."), Analyst, (p, a) => p.AddComment(a, "A fix is on its way.")),
        (new LogProblemTime(Duration.FromHours(2), "Log analysis."), Analyst, (p, a) => p.LogTime(a, Duration.FromHours(2), "Log analysis.")),
        (new UnlinkProblemIncident(LinkedIncident), Analyst, (p, a) => p.UnlinkIncident(a, LinkedIncident)),
        (new UnassignProblem(), Manager, (p, a) => p.Unassign(a)),
        (new AssignProblem(new SupportGroupId("Messaging")), Manager, (p, a) => p.Assign(a, new SupportGroupId("Messaging"))),
        (new ResolveProblem(ProblemResolutionCode.FixApplied, Notes), Manager, (p, a) => p.Resolve(a, ProblemResolutionCode.FixApplied, Notes)),
        (new CloseProblem(), Manager, (p, a) => p.Close(a)),
    ];

    [Fact]
    public async Task Every_typed_command_writes_the_entry_its_method_writes()
    {
        var engine = Engine();
        await Itsm.Core.Tests.Knowledge.KnowledgeArticleFixtures.PublishAsync(engine, Tenant, Article);
        var created = await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("E-mail stops every 30 days", new ServiceId("email")));
        var direct = Problem.Open(Tenant, Id, Analyst, "E-mail stops every 30 days", _clock, new ServiceId("email"));
        Assert.Equal(TypedEventCheck.Text(direct.UncommittedAuditEntries[0]), TypedEventCheck.Text(Assert.Single(created.Events)));

        var names = new List<string>();
        foreach (var (command, actor, call) in Life())
        {
            _clock.Advance(Duration.FromMinutes(5));
            var result = await engine.Problems.ExecuteAsync(Tenant, Id, actor, command);
            call(direct, actor);

            Assert.Equal(TypedEventCheck.Text(direct.UncommittedAuditEntries[^1]), TypedEventCheck.Text(Assert.Single(result.Events)));
            Assert.Equal(command.Name, result.Events[0].Command);
            Assert.Equal(Problem.RecordType, command.RecordType);
            Assert.Equal(direct.State, result.Record.State);
            Assert.Equal(direct.Version, result.Version);
            names.Add(command.Name);
        }

        Assert.Equal(Enum.GetNames<ProblemCommand>().Except(["Cancel", "TransitionWorkflow"]).Order(), names.Distinct().Order());
        var history = await _store.ReadHistoryAsync(Tenant, Problem.RecordType, Id.ToString());
        Assert.Equal(direct.UncommittedAuditEntries.Select(TypedEventCheck.Text), history.Select(TypedEventCheck.Text));
        TypedEventCheck.AssertTyped(history);
        Assert.Equal(DeepView(direct), DeepView(await engine.Problems.GetAsync(Tenant, Id, IncidentFixtures.Agent)));
    }

    [Fact]
    public async Task Cancel_writes_the_entry_its_method_writes()
    {
        var engine = Engine();
        await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("Printer queue stalls"));
        var direct = Problem.Open(Tenant, Id, Analyst, "Printer queue stalls", _clock);

        var result = await engine.Problems.ExecuteAsync(Tenant, Id, Manager, new CancelProblem("Duplicate of PRB0007."));
        direct.Cancel(Manager, "Duplicate of PRB0007.");

        Assert.Equal(TypedEventCheck.Text(direct.UncommittedAuditEntries[^1]), TypedEventCheck.Text(Assert.Single(result.Events)));
        Assert.Equal(new ProblemCanceled("Duplicate of PRB0007."), result.Events[0].Event);
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_a_refusal_writes_nothing()
    {
        var seen = new List<ItsmCommand>();
        var engine = Engine(ItsmAuthorizers.FromRule((actor, operation, resource) =>
        {
            if (operation is ItsmCommand command)
            {
                seen.Add(command);
            }

            return operation is not MarkProblemAsKnownError;
        }));
        var open = new OpenProblem("E-mail stops every 30 days");
        await engine.Problems.CreateAsync(Tenant, Id, Analyst, open);
        foreach (var (command, actor, _) in Life().Take(5))
        {
            await engine.Problems.ExecuteAsync(Tenant, Id, actor, command);
        }

        var mark = new MarkProblemAsKnownError("Mail stays in the outbox", ["email"]);
        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, mark));

        Assert.Equal($"'analyst.king' may not run MarkAsKnownError on Problem '{Id}' of tenant 'acme'.", error.Message);
        Assert.Same(open, seen[0]);
        Assert.Same(mark, seen[^1]);
        Assert.Equal(7, seen.Count);
        var after = await engine.Problems.GetAsync(Tenant, Id, IncidentFixtures.Agent);
        Assert.Equal(6, after.Version);
        Assert.Null(after.KnownError);
        Assert.Equal(6, (await _store.ReadHistoryAsync(Tenant, Problem.RecordType, Id.ToString())).Count);
    }

    [Fact]
    public async Task The_same_key_and_command_replays_and_different_arguments_conflict()
    {
        var engine = Engine();
        await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("E-mail stops every 30 days"));
        foreach (var (command, actor, _) in Life().Take(5))
        {
            await engine.Problems.ExecuteAsync(Tenant, Id, actor, command);
        }

        var key = new CommandOptions { IdempotencyKey = "mark-1" };
        var first = await engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new MarkProblemAsKnownError("Mail stays in the outbox", ["email", "ci:relay-01"]), key);
        var again = await engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new MarkProblemAsKnownError("Mail stays in the outbox", new List<string> { "email", "ci:relay-01" }), key);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(7, again.Version);
        Assert.Empty(again.Events);
        Assert.Equal(7, (await _store.ReadHistoryAsync(Tenant, Problem.RecordType, Id.ToString())).Count);

        foreach (var other in new RecordCommand<Problem>[]
        {
            new MarkProblemAsKnownError("Mail stays in the outbox", ["email"]),
            new MarkProblemAsKnownError("Mail stays in the outbox", ["email, ci:relay-01"]),
            new MarkProblemAsKnownError("Mail bounces", ["email", "ci:relay-01"]),
            new RecordProblemRootCause("Mail stays in the outbox"),
        })
        {
            var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, other, key));
            Assert.Equal("Idempotency key 'mark-1' of tenant 'acme' was already used with a different payload.", conflict.Message);
        }

        Assert.Equal(7, (await engine.Problems.GetAsync(Tenant, Id, IncidentFixtures.Agent)).Version);
    }

    [Fact]
    public async Task Link_and_unlink_of_the_same_incident_are_different_commands_under_one_key()
    {
        var engine = Engine();
        await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("E-mail stops every 30 days"));
        var key = new CommandOptions { IdempotencyKey = "link-1" };
        await engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new LinkProblemIncident(LinkedIncident), key);

        await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new UnlinkProblemIncident(LinkedIncident), key));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new LinkProblemIncident(IncidentId.New()), key));
        Assert.True((await engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new LinkProblemIncident(LinkedIncident), key)).Replayed);
    }

    [Fact]
    public async Task A_create_replays_under_its_key_even_with_a_new_id_and_conflicts_with_other_arguments()
    {
        var engine = Engine();
        var key = new CommandOptions { IdempotencyKey = "open-1" };
        var first = await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("E-mail stops every 30 days", new ServiceId("email")), key);
        var retry = await engine.Problems.CreateAsync(Tenant, ProblemId.New(), Analyst, new OpenProblem("E-mail stops every 30 days", new ServiceId("email")), key);

        Assert.True(retry.Replayed);
        Assert.Equal(Id, retry.Record.Id);
        Assert.Equal(first.Version, retry.Version);

        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            engine.Problems.CreateAsync(Tenant, ProblemId.New(), Analyst, new OpenProblem("E-mail stops every 30 days"), key));
        Assert.Equal("Idempotency key 'open-1' of tenant 'acme' was already used with a different payload.", conflict.Message);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_as_the_method_refuses_them_even_under_a_key()
    {
        var engine = Engine();
        await engine.Problems.CreateAsync(Tenant, Id, Analyst, new OpenProblem("E-mail stops every 30 days"));
        var key = new CommandOptions { IdempotencyKey = "bad-1" };

        var nullItems = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new MarkProblemAsKnownError("s", null!), key));
        var blankCause = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Problems.ExecuteAsync(Tenant, Id, Analyst, new RecordProblemRootCause(" "), key));
        var blankOpen = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.Problems.CreateAsync(Tenant, ProblemId.New(), Analyst, new OpenProblem(""), key));

        Assert.Equal("affectedItems", nullItems.ParamName);
        Assert.Equal("rootCause", blankCause.ParamName);
        Assert.Equal("shortDescription", blankOpen.ParamName);
        Assert.Equal(1, (await engine.Problems.GetAsync(Tenant, Id, IncidentFixtures.Agent)).Version);
    }

    private ItsmEngine Engine(IItsmAuthorizer? authorizer = null) => new(_store, authorizer ?? ItsmAuthorizers.AllowAll, _clock);

    private static string DeepView(Problem p) =>
        string.Join("|", p.State, p.Version, p.AssignmentGroup, p.AssignedTo, p.RootCause, p.Workaround, p.KnownError?.Symptom, string.Join(",", p.KnownError?.AffectedItems ?? []),
            string.Join(",", p.LinkedIncidents), string.Join(",", p.Changes), p.ResolutionCode, p.ResolutionNotes, p.OpenedAt, p.ResolvedAt);
}
