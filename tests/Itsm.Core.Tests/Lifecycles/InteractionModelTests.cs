using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the service desk interaction: random interactions receive 20 to 60 random
/// classifications with random, often invalid, arguments; only the first valid one is accepted.
/// After every step the interaction must agree with <see cref="InteractionModel"/>: the same outcome,
/// state, classification and version, exactly one more audit entry when accepted and nothing changed
/// when refused, and the same permitted commands.
/// </summary>
public sealed class InteractionModelTests
{
    /// <summary>The event type each audit command reads as.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> EventTypes = new Dictionary<string, Type>
    {
        ["Log"] = typeof(InteractionLogged),
        ["ClassifyAsIncident"] = typeof(InteractionClassifiedAsIncident),
        ["ClassifyAsServiceRequest"] = typeof(InteractionClassifiedAsServiceRequest),
        ["Answer"] = typeof(InteractionAnswered),
    };

    [Property(Arbitrary = [typeof(InteractionArbitraries)], MaxTest = 600)]
    public void Every_command_sequence_follows_the_model(InteractionScenario scenario) =>
        Run(scenario.Channel, scenario.Steps);

    /// <summary>
    /// The same with <see cref="ServiceDeskIntake"/> among the steps: raising an incident or a request
    /// checks its arguments, then the interaction's state, before it creates anything.
    /// </summary>
    [Property(Arbitrary = [typeof(InteractionArbitraries)], MaxTest = 300)]
    public void Intake_sequences_follow_the_command_contract(InteractionIntakeScenario scenario) =>
        Run(scenario.Channel, scenario.Steps);

    /// <summary>The generator tries every command in every state, accepted and refused (model only, fixed sample).</summary>
    [Fact]
    public void Generated_sequences_cover_every_state_and_command()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(InteractionState, InteractionCommand, bool)>();
        // 1,000 sequences from a fixed seed (Sample's arguments: count, seed, size).
        foreach (var scenario in InteractionArbitraries.ScenarioGen.Sample(1000, new Rnd(20260302UL), 50))
        {
            var model = new InteractionModel(new InteractionWorld());
            foreach (var step in scenario.Steps.Where(s => s is not AdvanceClock and not AcceptAuditEntries))
            {
                var from = model.View.State;
                var command = step switch
                {
                    InteractionSteps.ClassifyAsIncident => InteractionCommand.ClassifyAsIncident,
                    InteractionSteps.ClassifyAsServiceRequest => InteractionCommand.ClassifyAsServiceRequest,
                    _ => InteractionCommand.Answer,
                };
                bool isAccepted = model.Apply(step, out _).IsAccepted;
                tried.Add((from, command, isAccepted));
                commands++;
                accepted += isAccepted ? 1 : 0;
            }
        }

        var missing = new List<string>();
        foreach (var state in Enum.GetValues<InteractionState>())
        {
            foreach (var command in InteractionLifecycle.Commands)
            {
                if (!tried.Contains((state, command, false)))
                {
                    missing.Add($"{command} refused in {state}");
                }

                if (InteractionModel.Next(state, command) is not null && !tried.Contains((state, command, true)))
                {
                    missing.Add($"{command} accepted in {state}");
                }
            }
        }

        // Mostly invalid: most commands are refused.
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.Empty(missing);
    }

    private static void Run(Channel channel, ModelStep[] steps)
    {
        var world = new InteractionWorld();
        var run = new ModelRun($"Interaction.Log({channel})");
        var agent = InteractionWorld.Actor(Who.Agent)!;
        var interaction = Interaction.Log(world.Tenant, world.Id, agent, channel, InteractionWorld.CallerId, InteractionWorld.ShortDescription, world.Clock);
        var model = new InteractionModel(world);
        run.CheckAudit([], interaction.UncommittedAuditEntries, new ExpectedEntry(
            world.Tenant, Interaction.RecordType, world.Id.ToString(), 1, InteractionWorld.Start, agent, "Log", "Logged", "Logged"));
        run.CheckTypedEvent(interaction.UncommittedAuditEntries[0], EventTypes);
        Check(run, model, interaction);

        foreach (var step in steps)
        {
            switch (step)
            {
                case AdvanceClock a:
                    world.Clock.Advance(a.By);
                    run.Log(step);
                    continue;
                case AcceptAuditEntries:
                    interaction.AcceptAuditEntries();
                    run.Log(step);
                    run.Equal(0, interaction.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                    continue;
            }

            var before = interaction.UncommittedAuditEntries.ToArray();
            var fromState = model.View.State;
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            run.True(!(InteractionModel.IsTerminal(fromState) && expected.IsAccepted), () => "the model accepted a command in a terminal state");

            object? raised = null;
            var thrown = ModelRun.Capture(() => raised = Execute(step, interaction, world));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, interaction.UncommittedAuditEntries, entry);
            if (entry is not null)
            {
                run.CheckTypedEvent(interaction.UncommittedAuditEntries[^1], EventTypes);
            }

            Check(run, model, interaction);
            if (expected.IsAccepted)
            {
                CheckRaised(run, step, raised, world);
            }

            if (raised is ServiceRequest raisedRequest)
            {
                run.CheckTypedEvent(Assert.Single(raisedRequest.UncommittedAuditEntries), ServiceRequestModelTests.EventTypes);
            }
        }
    }

    private static void Check(ModelRun run, InteractionModel model, Interaction interaction)
    {
        run.Equal(model.View, InteractionView.Of(interaction), "interaction");
        run.CheckPermitted(InteractionLifecycle.Commands, model.Permits, interaction.PermittedCommands, interaction.Permits);
        if (InteractionModel.IsTerminal(interaction.State))
        {
            run.Equal(0, interaction.PermittedCommands.Count, "commands permitted in a terminal state");
        }
    }

    // The record the intake raised: the interaction's tenant, caller and description, just opened.
    private static void CheckRaised(ModelRun run, ModelStep step, object? raised, InteractionWorld world)
    {
        switch (step)
        {
            case InteractionSteps.RaiseIncident s:
                if (raised is not Incident incident)
                {
                    run.Fail($"RaiseIncident returned {raised}");
                    return;
                }

                run.Equal(new IncidentId(s.Id), incident.Id, "raised incident Id");
                run.Equal(world.Tenant, incident.Tenant, "raised incident Tenant");
                run.Equal(InteractionWorld.CallerId, incident.CallerId, "raised incident CallerId");
                run.Equal(InteractionWorld.ShortDescription, incident.ShortDescription, "raised incident ShortDescription");
                run.Equal(IncidentState.New, incident.State, "raised incident State");
                run.Equal(1L, incident.Version, "raised incident Version");
                break;

            case InteractionSteps.RaiseServiceRequest s:
                if (raised is not ServiceRequest request)
                {
                    run.Fail($"RaiseServiceRequest returned {raised}");
                    return;
                }

                run.Equal(new ServiceRequestId(s.Id), request.Id, "raised request Id");
                run.Equal(world.Tenant, request.Tenant, "raised request Tenant");
                run.Equal(InteractionWorld.CallerId, request.RequesterId, "raised request RequesterId");
                run.Equal(s.ItemRequiresApproval, request.Item.RequiresApproval, "raised request item");
                run.Equal(ServiceRequestState.Submitted, request.State, "raised request State");
                run.Equal(1L, request.Version, "raised request Version");
                break;
        }
    }

    // Null, empty and out-of-range arguments are passed on as they are: they must be refused.
    private static object? Execute(ModelStep step, Interaction interaction, InteractionWorld world)
    {
        switch (step)
        {
            case InteractionSteps.ClassifyAsIncident s:
                interaction.ClassifyAsIncident(InteractionWorld.Actor(s.Who)!, new IncidentId(s.Incident), s.ResolvedOnFirstContact);
                return null;
            case InteractionSteps.ClassifyAsServiceRequest s:
                interaction.ClassifyAsServiceRequest(InteractionWorld.Actor(s.Who)!, new ServiceRequestId(s.Request));
                return null;
            case InteractionSteps.Answer s:
                interaction.AnswerOnFirstContact(InteractionWorld.Actor(s.Who)!, s.Text!);
                return null;
            case InteractionSteps.RaiseIncident s:
                return ServiceDeskIntake.RaiseIncident(interaction, new IncidentId(s.Id), InteractionWorld.Actor(s.Who)!, (Impact)s.Impact, (Urgency)s.Urgency, world.Clock);
            case InteractionSteps.RaiseServiceRequest s:
                return ServiceDeskIntake.RaiseServiceRequest(interaction, new ServiceRequestId(s.Id), InteractionWorld.Actor(s.Who)!, InteractionWorld.Item(s.ItemRequiresApproval)!, world.Clock);
            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
