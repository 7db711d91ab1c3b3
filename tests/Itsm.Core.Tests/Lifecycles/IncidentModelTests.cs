using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the incident lifecycle: random incidents receive 20 to 60 random commands
/// with random, often invalid, arguments (most of them refused), interleaved with clock moves and
/// saves. After every step the incident must agree with <see cref="IncidentModel"/>, an independent
/// model written from docs/lifecycles/README.md: the same outcome (accepted, or the predicted
/// exception), the same state and data, exactly one more audit entry and version when accepted and
/// nothing changed when refused, and the same permitted commands.
/// </summary>
public sealed class IncidentModelTests
{
    // The policies under which every command is permitted somewhere (Reopen from Closed too), for the coverage check.
    private static readonly IncidentSetup Permissive = new(Impact.Low, Urgency.Low, null, null, FromClosed: true);

    [Property(Arbitrary = [typeof(IncidentArbitraries)], MaxTest = 1000)]
    public void Every_command_sequence_follows_the_model(IncidentScenario scenario) =>
        Run(scenario.Setup, scenario.Steps);

    /// <summary>
    /// The same, with <see cref="MajorIncidentResolution"/>'s operations among the commands: the incident
    /// as a major parent resolved with no children, as a child resolved with its parent, and as an
    /// incident awaiting a problem.
    /// </summary>
    [Property(Arbitrary = [typeof(IncidentArbitraries)], MaxTest = 300)]
    public void Operations_on_several_incidents_follow_the_command_contract(IncidentOperationsScenario scenario) =>
        Run(scenario.Setup, scenario.Steps);

    /// <summary>
    /// The generators reach every state, try every command in every state, and break every rule;
    /// checked on the model alone over a fixed sample, so the properties above test something.
    /// </summary>
    [Fact]
    public void Generated_sequences_cover_every_state_command_and_rule()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(IncidentState, IncidentCommand, bool)>();
        var outcomes = new HashSet<string>();
        var responses = new HashSet<string>();
        var policies = new HashSet<string>();

        // 1,000 sequences from a fixed seed (Sample's arguments: count, seed, size).
        foreach (var scenario in IncidentArbitraries.ScenarioGen.Sample(1000, new Rnd(20260302UL), 50))
        {
            var world = new IncidentWorld();
            var model = new IncidentModel(scenario.Setup, world);
            foreach (var step in scenario.Steps)
            {
                if (World(step, world, model, null))
                {
                    continue;
                }

                var from = model.View.State;
                var command = CommandOf(step);
                var expected = model.Apply(step, out _);
                tried.Add((from, command, expected.IsAccepted));
                commands++;
                accepted += expected.IsAccepted ? 1 : 0;
                if (from == IncidentState.OnHold && command == IncidentCommand.RecordCallerResponse && expected is Expected.Accepted { ToState: var to })
                {
                    responses.Add(to);
                }

                // Each policy's branches: where Assign leads from New, who reopened, how the window refused.
                switch (command, expected)
                {
                    case (IncidentCommand.Assign, Expected.Accepted a) when from == IncidentState.New:
                        policies.Add($"{scenario.Setup.WorkStart}: Assign New->{a.ToState}");
                        break;
                    case (IncidentCommand.Reopen, Expected.Accepted):
                        policies.Add($"reopened from {from} by {scenario.Setup.Reopeners}{(scenario.Setup.ManagersReopen ? "+managers" : string.Empty)}");
                        break;
                    case (IncidentCommand.Reopen, Expected.RuleBroken { Code: "ITSM-INC-REOPEN-002" }):
                        policies.Add($"window {scenario.Setup.Window} passed");
                        break;
                }

                outcomes.Add(expected switch
                {
                    Expected.RuleBroken r => r.Code,
                    Expected.BadArgument => "argument",
                    Expected.Refused => "refused",
                    _ => "accepted",
                });
            }
        }

        var missing = new List<string>();
        foreach (var state in Enum.GetValues<IncidentState>())
        {
            // TransitionWorkflow needs a configured workflow: WorkflowModelTests cover it on generated workflows.
            foreach (var command in IncidentLifecycle.Commands.Where(c => c != IncidentCommand.TransitionWorkflow))
            {
                if (!tried.Contains((state, command, false)))
                {
                    missing.Add($"{command} refused in {state}");
                }

                if (IncidentModel.Next(state, command, null, Permissive) is not null && !tried.Contains((state, command, true)))
                {
                    missing.Add($"{command} accepted in {state}");
                }
            }
        }

        foreach (var code in new[]
        {
            "ITSM-INC-HOLD-001", "ITSM-INC-HOLD-002", "ITSM-INC-ASSIGN-001", "ITSM-INC-ASSIGN-002", "ITSM-INC-SERVICE-001", "ITSM-INC-CI-001", "ITSM-INC-CI-002", "ITSM-INC-SUPPLIER-001", "ITSM-INC-KB-001", "ITSM-INC-CSAT-001", "ITSM-INC-RESOLVE-001", "ITSM-INC-REOPEN-001", "ITSM-INC-REOPEN-002", "ITSM-INC-MAJOR-001",
            "ITSM-INC-MAJOR-002", "ITSM-INC-MAJOR-003", "ITSM-INC-MAJOR-004", "ITSM-INC-PRIORITY-001", "ITSM-INC-ESCALATE-001",
            "ITSM-INC-PARENT-001", "ITSM-SLA-THRESHOLD-001", "argument", "refused", "accepted",
        })
        {
            if (!outcomes.Contains(code))
            {
                missing.Add(code);
            }
        }

        // Both branches of the caller's response on hold: awaiting the caller (resumes), any other reason (stays).
        foreach (var to in new[] { "InProgress", "OnHold" })
        {
            if (!responses.Contains(to))
            {
                missing.Add($"RecordCallerResponse from OnHold to {to}");
            }
        }

        foreach (var branch in new[]
        {
            "OnAssignment: Assign New->InProgress", "OnAgentAssignment: Assign New->InProgress", "OnAgentAssignment: Assign New->New",
            "Explicit: Assign New->New", "reopened from Resolved by Caller", "reopened from Resolved by Assignee", "reopened from Resolved by Anyone",
            "reopened from Resolved by None+managers", "reopened from Closed by Anyone", "window WallClock passed", "window BusinessTime passed",
        })
        {
            if (!policies.Contains(branch))
            {
                missing.Add(branch);
            }
        }

        // Mostly invalid: most commands are refused.
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.Empty(missing);
    }

    private static void Run(IncidentSetup setup, ModelStep[] steps)
    {
        var world = new IncidentWorld();
        var run = new ModelRun(setup.ToString());
        var agent = IncidentWorld.Actor(Who.Agent)!;
        var incident = Incident.Open(world.Tenant, world.Id, agent, IncidentWorld.CallerId, "E-mail is down", setup.Impact, setup.Urgency, world.Clock, setup.Options());
        var model = new IncidentModel(setup, world);
        var opened = new ExpectedEntry(world.Tenant, Incident.RecordType, world.Id.ToString(), 1, IncidentWorld.Start, agent, "Open", "New", "New");
        run.CheckAudit([], incident.UncommittedAuditEntries, opened);
        Check(run, model, incident);

        foreach (var step in steps)
        {
            if (World(step, world, model, incident))
            {
                run.Log(step);
                run.Equal(model.View, IncidentView.Of(incident), "incident after a world step");
                if (step is AcceptAuditEntries)
                {
                    run.Equal(0, incident.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                }

                continue;
            }

            var before = incident.UncommittedAuditEntries.ToArray();
            var fromState = model.View.State;
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            run.True(!(model.IsFinal(fromState) && expected.IsAccepted && step is not RecordSatisfactionStep), () => "the model accepted a command other than the survey in a terminal state");

            var thrown = ModelRun.Capture(() => Execute(step, incident, world));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, incident.UncommittedAuditEntries, entry);
            run.Equal(model.ParentResolved ? IncidentState.Resolved : IncidentState.New, world.MajorParent.State, "the major parent's state");
            Check(run, model, incident);
        }
    }

    private static void Check(ModelRun run, IncidentModel model, Incident incident)
    {
        run.Equal(model.View, IncidentView.Of(incident), "incident");
        run.CheckPermitted(IncidentLifecycle.Commands, model.Permits, incident.PermittedCommands, incident.Permits);
        if (model.IsFinal(incident.State))
        {
            // A closed incident still takes its survey result (docs/kpis.md, "Customer satisfaction").
            run.Equal(incident.State == IncidentState.Closed ? 1 : 0, incident.PermittedCommands.Count, "commands permitted in a terminal state");
        }

        var snapshot = incident.ToTicketSnapshot();
        run.Equal(model.View.State.ToString(), snapshot.State, "snapshot State");
        run.Equal(model.View.Priority, snapshot.Priority.Value, "snapshot Priority");
        run.Equal(model.View.OnHoldReason?.ToString(), snapshot.OnHoldReason, "snapshot OnHoldReason");
        run.Equal(model.View.AssignmentGroup, snapshot.AssignmentGroup, "snapshot AssignmentGroup");
        run.Equal(model.View.IsMajor ? "true" : "false", snapshot.Attributes["major"], "snapshot major");
        run.Equal(model.View.EscalationLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.Attributes["escalationLevel"], "snapshot escalationLevel");
    }

    // Runs a step of the world (clock, saves); false for a command step.
    private static bool World(ModelStep step, IncidentWorld world, IncidentModel model, Incident? incident)
    {
        switch (step)
        {
            case AdvanceClock a:
                world.Clock.Advance(a.By);
                return true;
            case AcceptAuditEntries:
                incident?.AcceptAuditEntries();
                return true;
            case IncidentSteps.AdvanceToReopenDeadline d:
                if (model.View.ResolvedAt is { } resolved)
                {
                    if (model.ReopenDeadline(resolved) is { } deadline
                        && deadline + NodaTime.Duration.FromNanoseconds(d.OffsetNanoseconds) is var target
                        && target > world.Clock.GetCurrentInstant())
                    {
                        world.Clock.Reset(target);
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static IncidentCommand CommandOf(ModelStep step) => step switch
    {
        IncidentSteps.Assign => IncidentCommand.Assign,
        IncidentSteps.PutOnHold => IncidentCommand.PutOnHold,
        IncidentSteps.Unassign => IncidentCommand.Unassign,
        IncidentSteps.StartWork => IncidentCommand.StartWork,
        IncidentSteps.ChangeHoldReason => IncidentCommand.ChangeHoldReason,
        IncidentSteps.Resume => IncidentCommand.Resume,
        IncidentSteps.RecordCallerResponse => IncidentCommand.RecordCallerResponse,
        IncidentSteps.Resolve => IncidentCommand.Resolve,
        IncidentSteps.Reopen => IncidentCommand.Reopen,
        IncidentSteps.Close => IncidentCommand.Close,
        IncidentSteps.Cancel => IncidentCommand.Cancel,
        IncidentSteps.ChangeImpactOrUrgency => IncidentCommand.ChangeImpactOrUrgency,
        IncidentSteps.EscalateFunctionally => IncidentCommand.EscalateFunctionally,
        IncidentSteps.EscalateHierarchically => IncidentCommand.EscalateHierarchically,
        IncidentSteps.PromoteToMajor => IncidentCommand.PromoteToMajor,
        IncidentSteps.DemoteFromMajor => IncidentCommand.DemoteFromMajor,
        IncidentSteps.AttachToParent => IncidentCommand.AttachToParent,
        IncidentSteps.RecordPostIncidentReview => IncidentCommand.RecordPostIncidentReview,
        IncidentSteps.LinkCausedByChange => IncidentCommand.LinkCausedByChange,
        IncidentSteps.LinkProblem => IncidentCommand.LinkProblem,
        IncidentSteps.SlaThreshold => IncidentCommand.SlaThreshold,
        ChangeServiceStep => IncidentCommand.ChangeService,
        AddConfigurationItemStep => IncidentCommand.AddConfigurationItem,
        RemoveConfigurationItemStep => IncidentCommand.RemoveConfigurationItem,
        AssignToSupplierStep => IncidentCommand.AssignToSupplier,
        _ when JournalFields.Is(step) => Enum.Parse<IncidentCommand>(JournalFields.CommandName(step)),
        LinkKnowledgeArticleStep => IncidentCommand.LinkKnowledgeArticle,
        RecordSatisfactionStep => IncidentCommand.RecordSatisfaction,
        _ => throw new ArgumentException($"Not a core command step: {step}", nameof(step)),
    };

    private static void Execute(ModelStep step, Incident incident, IncidentWorld world)
    {
        var actor = step switch
        {
            IncidentSteps.Assign s => IncidentWorld.Actor(s.Who),
            IncidentSteps.PutOnHold s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Unassign s => IncidentWorld.Actor(s.Who),
            IncidentSteps.StartWork s => IncidentWorld.Actor(s.Who),
            IncidentSteps.ChangeHoldReason s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Resume s => IncidentWorld.Actor(s.Who),
            IncidentSteps.RecordCallerResponse s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Resolve s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Reopen s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Close s => IncidentWorld.Actor(s.Who),
            IncidentSteps.Cancel s => IncidentWorld.Actor(s.Who),
            IncidentSteps.ChangeImpactOrUrgency s => IncidentWorld.Actor(s.Who),
            IncidentSteps.EscalateFunctionally s => IncidentWorld.Actor(s.Who),
            IncidentSteps.EscalateHierarchically s => IncidentWorld.Actor(s.Who),
            IncidentSteps.PromoteToMajor s => IncidentWorld.Actor(s.Who),
            IncidentSteps.DemoteFromMajor s => IncidentWorld.Actor(s.Who),
            IncidentSteps.AttachToParent s => IncidentWorld.Actor(s.Who),
            IncidentSteps.RecordPostIncidentReview s => IncidentWorld.Actor(s.Who),
            IncidentSteps.LinkCausedByChange s => IncidentWorld.Actor(s.Who),
            IncidentSteps.LinkProblem s => IncidentWorld.Actor(s.Who),
            IncidentSteps.SlaThreshold s => IncidentWorld.Actor(s.Who),
            IncidentSteps.ResolveAwaitingProblem s => IncidentWorld.Actor(s.Who),
            IncidentSteps.ResolveAsParent s => IncidentWorld.Actor(s.Who),
            IncidentSteps.ResolveAsChild s => IncidentWorld.Actor(s.Who),
            ChangeServiceStep s => IncidentWorld.Actor(s.Who),
            AddConfigurationItemStep s => IncidentWorld.Actor(s.Who),
            RemoveConfigurationItemStep s => IncidentWorld.Actor(s.Who),
            AssignToSupplierStep s => IncidentWorld.Actor(s.Who),
            _ when JournalFields.Is(step) => IncidentWorld.Actor(JournalFields.WhoOf(step)),
            LinkKnowledgeArticleStep s => IncidentWorld.Actor(s.Who),
            RecordSatisfactionStep s => IncidentWorld.Actor(s.Who),
            _ => throw new ArgumentException($"Not a command step: {step}", nameof(step)),
        };

        // Null and out-of-range arguments are passed on as they are: the incident must refuse them.
        switch (step)
        {
            case IncidentSteps.Assign s: incident.Assign(actor!, s.Group is null ? null : new SupportGroupId(s.Group), s.Assignee); break;
            case IncidentSteps.Unassign: incident.Unassign(actor!); break;
            case IncidentSteps.StartWork: incident.StartWork(actor!); break;
            case IncidentSteps.ChangeHoldReason s: incident.ChangeHoldReason(actor!, (OnHoldReason)s.Reason, s.Comment); break;
            case IncidentSteps.PutOnHold s: incident.PutOnHold(actor!, (OnHoldReason)s.Reason, s.Comment); break;
            case IncidentSteps.Resume: incident.Resume(actor!); break;
            case IncidentSteps.RecordCallerResponse s: incident.RecordCallerResponse(actor!, s.Comment!); break;
            case IncidentSteps.Resolve s: incident.Resolve(actor!, (IncidentResolutionCode)s.Code, s.Notes!); break;
            case IncidentSteps.Reopen s: incident.Reopen(actor!, s.Reason!); break;
            case IncidentSteps.Close: incident.Close(actor!); break;
            case IncidentSteps.Cancel s: incident.Cancel(actor!, s.Reason!); break;
            case IncidentSteps.ChangeImpactOrUrgency s: incident.ChangeImpactOrUrgency(actor!, (Impact)s.Impact, (Urgency)s.Urgency); break;
            case IncidentSteps.EscalateFunctionally s: incident.EscalateFunctionally(actor!, s.ToGroup is null ? default : new SupportGroupId(s.ToGroup), s.Reason!); break;
            case IncidentSteps.EscalateHierarchically s: incident.EscalateHierarchically(actor!, s.Manager!, s.Reason!); break;
            case IncidentSteps.PromoteToMajor s: incident.PromoteToMajor(actor!, s.Reason!); break;
            case IncidentSteps.DemoteFromMajor s: incident.DemoteFromMajor(actor!, s.Reason!); break;
            case IncidentSteps.AttachToParent s: incident.AttachToParent(actor!, world.Parent(s.Parent, incident)!); break;
            case IncidentSteps.RecordPostIncidentReview s: incident.RecordPostIncidentReview(actor!, s.Summary!); break;
            case IncidentSteps.LinkCausedByChange s: incident.LinkCausedByChange(actor!, s.ChangeId!); break;
            case IncidentSteps.LinkProblem s: incident.LinkProblem(actor!, s.ProblemId!); break;
            case IncidentSteps.SlaThreshold s: incident.RecordSlaThreshold(actor!, s.Threshold()); break;
            case ChangeServiceStep s: incident.ChangeService(actor!, s.Service is null ? null : new ServiceId(s.Service), s.Offering is null ? null : new ServiceOfferingId(s.Offering)); break;
            case AddConfigurationItemStep s: incident.AddConfigurationItem(actor!, new ConfigurationItemId(s.Item)); break;
            case RemoveConfigurationItemStep s: incident.RemoveConfigurationItem(actor!, new ConfigurationItemId(s.Item)); break;
            case AssignToSupplierStep s: incident.AssignToSupplier(actor!, s.Supplier is null ? null : new SupplierId(s.Supplier)); break;
            case var s when JournalFields.Is(s): JournalFields.Run(s, actor, incident.AddWorkNote, incident.AddComment, (a, d, n) => incident.LogTime(a, d, n)); break;
            case LinkKnowledgeArticleStep s: incident.LinkKnowledgeArticle(actor!, KnowledgeLinksModel.Id(s.Article)); break;
            case RecordSatisfactionStep s: incident.RecordSatisfaction(actor!, s.Score, s.Comment, s.Respondent!); break;
            case IncidentSteps.ResolveAwaitingProblem s: MajorIncidentResolution.ResolveAwaitingProblem(incident.Tenant, [incident], s.ProblemId!, actor!, s.Notes!); break;
            case IncidentSteps.ResolveAsParent s: MajorIncidentResolution.ResolveWithChildren(incident, [], actor!, (IncidentResolutionCode)s.Code, s.Notes!); break;
            case IncidentSteps.ResolveAsChild s: MajorIncidentResolution.ResolveWithChildren(world.MajorParent, [incident], actor!, (IncidentResolutionCode)s.Code, s.Notes!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
