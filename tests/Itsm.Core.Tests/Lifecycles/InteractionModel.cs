using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the interaction model test: its commands, and the service desk intake that raises records from it.</summary>
public static class InteractionSteps
{
    public sealed record ClassifyAsIncident(Who Who, Guid Incident, bool ResolvedOnFirstContact) : ModelStep
    {
        public override string ToString() => $"ClassifyAsIncident({Who}, {Show(Incident)}, {ResolvedOnFirstContact})";
    }

    public sealed record ClassifyAsServiceRequest(Who Who, Guid Request) : ModelStep
    {
        public override string ToString() => $"ClassifyAsServiceRequest({Who}, {Show(Request)})";
    }

    public sealed record Answer(Who Who, string? Text) : ModelStep
    {
        public override string ToString() => $"AnswerOnFirstContact({Who}, {Q(Text)})";
    }

    /// <summary><c>ServiceDeskIntake.RaiseIncident(interaction, id, agent, impact, urgency, clock)</c>.</summary>
    public sealed record RaiseIncident(Who Who, Guid Id, int Impact, int Urgency) : ModelStep
    {
        public override string ToString() => $"ServiceDeskIntake.RaiseIncident(interaction, {Show(Id)}, {Who}, {Impact}, {Urgency}, clock)";
    }

    /// <summary><c>ServiceDeskIntake.RaiseServiceRequest(interaction, id, agent, item, clock)</c>.</summary>
    public sealed record RaiseServiceRequest(Who Who, Guid Id, bool? ItemRequiresApproval) : ModelStep
    {
        public override string ToString() =>
            $"ServiceDeskIntake.RaiseServiceRequest(interaction, {Show(Id)}, {Who}, {(ItemRequiresApproval is null ? "null" : ItemRequiresApproval.Value ? "item requiring approval" : "item")}, clock)";
    }

    private static string Show(Guid id) => id == Guid.Empty ? "Guid.Empty" : "id " + id.ToString("N")[..8];
}

/// <summary>What the model test can observe of an interaction (and what the model predicts).</summary>
public sealed record InteractionView(
    InteractionState State,
    IncidentId? IncidentId,
    ServiceRequestId? ServiceRequestId,
    string? Answer,
    bool ResolvedOnFirstContact,
    long Version)
{
    public static InteractionView Of(Interaction interaction) => new(
        interaction.State, interaction.IncidentId, interaction.ServiceRequestId, interaction.Answer, interaction.ResolvedOnFirstContact, interaction.Version);
}

/// <summary>The world an interaction model test runs in.</summary>
public sealed class InteractionWorld
{
    public const string CallerId = "carl";

    public const string ShortDescription = "Cannot log in";

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public InteractionId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000003"));

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor(CallerId),
        Who.CallerWithRole => new Actor(CallerId, "itil"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "itil", "manager"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public static CatalogItem? Item(bool? requiresApproval) =>
        requiresApproval is { } approval ? new CatalogItem(approval ? "laptop-standard" : "password-reset", approval) : null;
}

/// <summary>
/// An independent model of the interaction lifecycle (docs/lifecycles/README.md, "Service desk"): a
/// logged interaction is classified exactly once, as an incident, a service request or a question
/// answered on first contact; the intake checks its arguments first, like any command.
/// </summary>
public sealed class InteractionModel
{
    private readonly InteractionWorld _world;

    public InteractionModel(InteractionWorld world)
    {
        _world = world;
        View = new InteractionView(InteractionState.Logged, null, null, null, false, 1);
    }

    public InteractionView View { get; private set; }

    public static bool IsTerminal(InteractionState state) => state != InteractionState.Logged;

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it.</summary>
    public static InteractionState? Next(InteractionState state, InteractionCommand command) => (state, command) switch
    {
        (InteractionState.Logged, InteractionCommand.ClassifyAsIncident) => InteractionState.Incident,
        (InteractionState.Logged, InteractionCommand.ClassifyAsServiceRequest) => InteractionState.ServiceRequest,
        (InteractionState.Logged, InteractionCommand.Answer) => InteractionState.Answered,
        _ => null,
    };

    public bool Permits(InteractionCommand command) => Next(View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        switch (step)
        {
            case InteractionSteps.ClassifyAsIncident s:
                return Command(InteractionCommand.ClassifyAsIncident, s.Who, Args(s.Who).Check(s.Incident != Guid.Empty, "incident"),
                    m => m with { IncidentId = new IncidentId(s.Incident), ResolvedOnFirstContact = s.ResolvedOnFirstContact }, out entry);

            case InteractionSteps.ClassifyAsServiceRequest s:
                return Command(InteractionCommand.ClassifyAsServiceRequest, s.Who, Args(s.Who).Check(s.Request != Guid.Empty, "request"),
                    m => m with { ServiceRequestId = new ServiceRequestId(s.Request) }, out entry);

            case InteractionSteps.Answer s:
                return Command(InteractionCommand.Answer, s.Who, Args(s.Who).Blank(s.Text, "answer"),
                    m => m with { Answer = s.Text, ResolvedOnFirstContact = true }, out entry);

            case InteractionSteps.RaiseIncident s:
                return Command(InteractionCommand.ClassifyAsIncident, s.Who,
                    Args(s.Who).Check(s.Id != Guid.Empty, "id").Range(s.Impact, 1, 3, "impact").Range(s.Urgency, 1, 3, "urgency"),
                    m => m with { IncidentId = new IncidentId(s.Id), ResolvedOnFirstContact = false }, out entry);

            case InteractionSteps.RaiseServiceRequest s:
                return Command(InteractionCommand.ClassifyAsServiceRequest, s.Who,
                    Args(s.Who).Check(s.Id != Guid.Empty, "id").Check(s.ItemRequiresApproval is not null, "item"),
                    m => m with { ServiceRequestId = new ServiceRequestId(s.Id) }, out entry);

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who) => new Arguments().Null(InteractionWorld.Actor(who), "agent");

    private Expected Command(InteractionCommand command, Who who, Arguments arguments, Func<InteractionView, InteractionView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(from, command) is not { } to)
        {
            var permitted = Enum.GetValues<InteractionCommand>().Where(c => Next(from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(Interaction.RecordType, from.ToString(), command.ToString(), permitted);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, Interaction.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            InteractionWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A random interaction and 20 to 60 random commands (most of them refused: it is classified once).</summary>
public sealed record InteractionScenario(Channel Channel, ModelStep[] Steps)
{
    public override string ToString() => Describe(Channel, Steps);

    internal static string Describe(Channel channel, ModelStep[] steps)
    {
        var text = new StringBuilder().Append("Interaction.Log(").Append(channel).AppendLine(")");
        foreach (var step in steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>Like <see cref="InteractionScenario"/>, with <see cref="ServiceDeskIntake"/>'s operations among the steps.</summary>
public sealed record InteractionIntakeScenario(Channel Channel, ModelStep[] Steps)
{
    public override string ToString() => InteractionScenario.Describe(Channel, Steps);
}

/// <summary>FsCheck 3 arbitraries for the interaction model test.</summary>
public static class InteractionArbitraries
{
    private static readonly Gen<Guid> Ids = Gen.Frequency(
        (1, Gen.Constant(Guid.Empty)),
        (5, Gen.Choose(1, int.MaxValue).Select(n => new Guid(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))));

    private static readonly Gen<int> ImpactOrUrgency = Gen.Frequency((1, Gen.Elements(0, 4)), (6, Gen.Choose(1, 3)));

    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (3, from w in ModelGens.Who from id in Ids from rfc in Gen.Elements(false, true) select (ModelStep)new InteractionSteps.ClassifyAsIncident(w, id, rfc)),
        (3, from w in ModelGens.Who from id in Ids select (ModelStep)new InteractionSteps.ClassifyAsServiceRequest(w, id)),
        (3, from w in ModelGens.Who from t in ModelGens.Text select (ModelStep)new InteractionSteps.Answer(w, t)),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<ModelStep> IntakeStep { get; } = Gen.Frequency(
        (3, Step),
        (2, from w in ModelGens.Who from id in Ids from i in ImpactOrUrgency from u in ImpactOrUrgency select (ModelStep)new InteractionSteps.RaiseIncident(w, id, i, u)),
        (2, from w in ModelGens.Who from id in Ids from item in Gen.Elements<bool?>(null, false, true) select (ModelStep)new InteractionSteps.RaiseServiceRequest(w, id, item)));

    private static readonly Gen<Channel> Channels = Gen.Elements(Enum.GetValues<Channel>());

    public static Gen<InteractionScenario> ScenarioGen { get; } =
        from channel in Channels
        from steps in ModelGens.Steps(Step)
        select new InteractionScenario(channel, steps);

    public static Arbitrary<InteractionScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => s with { Steps = steps }));

    public static Arbitrary<InteractionIntakeScenario> IntakeScenarios() =>
        Arb.From(
            from channel in Channels
            from steps in ModelGens.Steps(IntakeStep)
            select new InteractionIntakeScenario(channel, steps),
            s => StepShrinker.Shrink(s.Steps).Select(steps => s with { Steps = steps }));
}
