using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.ServiceDesk;
using Itsm.Testing.Models;
using NodaTime;

namespace Itsm.Testing;

// Record histories for the lifecycle runner: the shared machinery, incidents and interactions.
public static partial class ItsmGenerators
{
    /// <summary>
    /// The people generated commands come from, with the roles the default policies ask for: two agents
    /// (<c>itil</c>; the second also <c>major_incident_manager</c>), a manager (<c>change_manager</c>,
    /// <c>problem_manager</c>, <c>approver</c>, <c>peer</c>), three CAB members (<c>cab</c>; the last two also
    /// <c>ecab</c>), the monitoring system and a caller with no roles. A host's authorizer sees these.
    /// </summary>
    public static IReadOnlyList<Actor> LifecycleActors { get; } =
    [
        new("agent-1", "itil"),
        new("agent-2", "itil", "major_incident_manager"),
        new("manager", "itil", "change_manager", "problem_manager", "approver", "peer"),
        new("cab-1", "cab"),
        new("cab-2", "cab", "ecab"),
        new("cab-3", "cab", "ecab"),
        new("monitoring", "system"),
        new("caller-1"),
    ];

    /// <summary>
    /// Incident histories for <see cref="LifecycleRunner"/>: an <see cref="OpenIncident"/> by an agent, then
    /// 0-30 <see cref="IncidentCommandSteps"/> as typed commands, steered so that most are accepted and
    /// every state is reached (the rest are refused by the state or a rule). The work-start and reopen
    /// policies are the engine's.
    /// </summary>
    public static Gen<LifecycleScenario<Incident, IncidentId>> IncidentLifecycleScenarios =>
        from impact in Gen.Choose(1, 3).Select(i => (Impact)i)
        from urgency in Gen.Choose(1, 3).Select(u => (Urgency)u)
        from service in Gen.Elements<string?>(null, "Email", "Web")
        from items in OpeningConfigurationItems
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new IncidentId(g)),
            Gen.Constant<CreateCommand<Incident>>(new OpenIncident(Caller.Id, "Generated incident", impact, urgency, service is null ? null : new ServiceId(service)) { ConfigurationItems = items }),
            IncidentCommandSteps.Select(s => new LifecycleStep<Incident>(s.After, s.Actor, s.ToCommand())),
            (create, _) => IncidentModel.Opened((OpenIncident)create, IncidentOptions.Default))
        select scenario;

    /// <summary>Incidents in any reachable state: an <see cref="IncidentLifecycleScenarios"/> run through an <see cref="ItsmTestEngine"/>.</summary>
    public static Gen<Incident> IncidentRecords => IncidentLifecycleScenarios.Select(s => RunToRecord(s, e => e.Incidents));

    /// <summary>Interaction commands with valid arguments: classify as an incident or a service request, or answer.</summary>
    public static Gen<RecordCommand<Interaction>> InteractionCommands =>
        Gen.OneOf(
            from g in NonEmptyGuids from first in Gen.Elements(false, true) select (RecordCommand<Interaction>)new ClassifyInteractionAsIncident(new IncidentId(g), first),
            NonEmptyGuids.Select(g => (RecordCommand<Interaction>)new ClassifyInteractionAsServiceRequest(new ServiceRequestId(g))),
            Gen.Elements("Reset the password with the caller", "Pointed to the VPN guide").Select(a => (RecordCommand<Interaction>)new AnswerInteraction(a)));

    /// <summary>Interaction histories: a <see cref="LogInteraction"/> on any channel, then 0-4 <see cref="InteractionCommands"/> (after the first classification, all refused).</summary>
    public static Gen<LifecycleScenario<Interaction, InteractionId>> InteractionScenarios =>
        from channel in Gen.Elements(Enum.GetValues<Channel>())
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new InteractionId(g)),
            Gen.Constant<CreateCommand<Interaction>>(new LogInteraction(channel, Caller.Id, "Caller on the line")),
            Steps(InteractionCommands),
            (_, _) => InteractionModel.Logged(),
            maxSteps: 4)
        select scenario;

    /// <summary>Interactions in any reachable state (<see cref="InteractionScenarios"/> run through an <see cref="ItsmTestEngine"/>).</summary>
    public static Gen<Interaction> Interactions => InteractionScenarios.Select(s => RunToRecord(s, e => e.Interactions));

    // Drawn from the texts the steps use, so later adds and removes of the same items are refused and accepted.
    private static Gen<IReadOnlyList<ConfigurationItemId>?> OpeningConfigurationItems =>
        Gen.Elements<IReadOnlyList<ConfigurationItemId>?>(null, [new ConfigurationItemId("Network")], [new ConfigurationItemId("Network"), new ConfigurationItemId("Database")]);

    private static Gen<Guid> NonEmptyGuids => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16).Select(NonEmptyGuid);

    private static Gen<Actor> LifecycleActor => Gen.Elements(LifecycleActors.ToArray());

    private static Gen<Duration> StepDelays => Gen.Frequency(
        (2, Gen.Constant(Duration.Zero)),
        (4, Gen.Choose(1, 240).Select(m => Duration.FromMinutes(m))),
        (1, Gen.Choose(1, 10 * 24).Select(h => Duration.FromHours(h))));

    /// <summary>Steps of <paramref name="commands"/> from any of <see cref="LifecycleActors"/>, after any delay.</summary>
    private static Gen<LifecycleStep<TRecord>> Steps<TRecord>(Gen<RecordCommand<TRecord>> commands, Gen<Actor>? actors = null)
        where TRecord : class =>
        from after in StepDelays
        from actor in actors ?? LifecycleActor
        from command in commands
        select new LifecycleStep<TRecord>(after, actor, command);

    /// <summary>
    /// A scenario: a tenant, an id, who creates the record (usually <c>agent-1</c>), and 0 to
    /// <paramref name="maxSteps"/> steps steered by the record's model under the default policies.
    /// </summary>
    private static Gen<LifecycleScenario<TRecord, TId>> Scenarios<TRecord, TId>(
        Gen<TId> ids,
        Gen<CreateCommand<TRecord>> creates,
        Gen<LifecycleStep<TRecord>> steps,
        Func<CreateCommand<TRecord>, Actor, LifecycleModel<TRecord>> model,
        Gen<Actor>? creators = null,
        int maxSteps = 30)
        where TRecord : class =>
        from tenant in Gen.Elements("tenant-a", "tenant-b").Select(t => new TenantId(t))
        from id in ids
        from creator in creators ?? Gen.Frequency((4, Gen.Constant(LifecycleActors[0])), (1, LifecycleActor))
        from create in creates
        from count in Gen.Choose(0, maxSteps)
        from chosen in Steered(model(create, creator), steps, count)
        select new LifecycleScenario<TRecord, TId>(tenant, id, creator, create, chosen);

    /// <summary>
    /// <paramref name="count"/> steps, each chosen among eight candidates with the model's predictions:
    /// a third of the time the accepted one that moves the record the smallest step along its lifecycle
    /// (states are declared in lifecycle order, so deep states are reached); half the time an accepted
    /// kind of command that keeps the state (and what it collected, such as approvals) and that person
    /// has not run yet in this history (so a problem
    /// gets a root cause and a workaround and becomes a known error, and a change collects approvals),
    /// failing that the step forward; a sixth of the time the first candidate, usually one the record
    /// refuses; and rarely a cancel. Cancels are kept rare so that most histories go the whole way.
    /// </summary>
    private static Gen<IReadOnlyList<LifecycleStep<TRecord>>> Steered<TRecord>(LifecycleModel<TRecord> model, Gen<LifecycleStep<TRecord>> steps, int count, string[]? done = null)
        where TRecord : class
    {
        if (count == 0)
        {
            return Gen.Constant<IReadOnlyList<LifecycleStep<TRecord>>>([]);
        }

        done ??= [];
        return from candidates in Gen.ArrayOf(steps, 8)
               from mode in Gen.Frequency((20, Gen.Constant(Steer.Forward)), (30, Gen.Constant(Steer.Fresh)), (10, Gen.Constant(Steer.Any)), (1, Gen.Constant(Steer.End)))
               let step = Choose(model, candidates, mode, done)
               let next = model.Predict(step.Command, step.Actor, default).Next
               from rest in Steered(next ?? model, steps, count - 1, next is null ? done : [.. done, Key(step)])
               select (IReadOnlyList<LifecycleStep<TRecord>>)[step, .. rest];
    }

    private static bool Cancels<TRecord>(LifecycleModel<TRecord>? next)
        where TRecord : class => next?.State == "Canceled";

    // A command kind by one person: a change needs approvals from several.
    private static string Key<TRecord>(LifecycleStep<TRecord> step)
        where TRecord : class => step.Command.Name + "/" + step.Actor.Id;

    private enum Steer
    {
        Forward,
        Fresh,
        Any,
        End,
    }

    private static LifecycleStep<TRecord> Choose<TRecord>(LifecycleModel<TRecord> model, LifecycleStep<TRecord>[] candidates, Steer mode, string[] done)
        where TRecord : class
    {
        if (mode == Steer.Any)
        {
            // Any command but a cancel, which would cut most histories short; usually one the record refuses.
            foreach (var candidate in candidates)
            {
                if (!Cancels(model.Predict(candidate.Command, candidate.Actor, default).Next))
                {
                    return candidate;
                }
            }

            return candidates[0];
        }

        LifecycleStep<TRecord>? best = null;
        LifecycleStep<TRecord>? keeps = null;
        LifecycleStep<TRecord>? accepted = null;
        LifecycleStep<TRecord>? ending = null;
        int nearest = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (model.Predict(candidate.Command, candidate.Actor, default).Next is not { } next)
            {
                continue;
            }

            if (Cancels(next))
            {
                ending ??= candidate;
                continue;
            }

            accepted ??= candidate;
            if (next.State == model.State && next.Collected >= model.Collected)
            {
                if (mode == Steer.Fresh && Array.IndexOf(done, Key(candidate)) < 0)
                {
                    return candidate;
                }

                keeps ??= candidate;
            }

            // States are declared in lifecycle order, so the smallest step forward takes the main path.
            if (next.Depth > model.Depth && next.Depth < nearest)
            {
                (best, nearest) = (candidate, next.Depth);
            }
        }

        return mode == Steer.End ? ending ?? candidates[0] : best ?? keeps ?? accepted ?? candidates[0];
    }

    /// <summary>Runs <paramref name="scenario"/> on a fresh <see cref="ItsmTestEngine"/> and loads the record it leaves.</summary>
    private static TRecord RunToRecord<TRecord, TId>(LifecycleScenario<TRecord, TId> scenario, Func<ItsmEngine, AggregateService<TRecord, TId>> service)
        where TRecord : class
    {
        var test = ItsmTestEngine.Create(new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 1, 5, 9, 0)));
        // The in-memory store completes synchronously, so waiting here blocks nothing.
        LifecycleRunner.RunAsync(test.Engine, scenario).GetAwaiter().GetResult();
        return service(test.Engine).GetAsync(scenario.Tenant, scenario.Id, LifecycleActors[0]).GetAwaiter().GetResult();
    }
}
