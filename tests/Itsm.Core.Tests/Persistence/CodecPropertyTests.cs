using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The round-trip law (<see cref="CodecRoundTrip"/>) for every aggregate, over the random command
/// sequences of the lifecycle model tests (tests/Itsm.Core.Tests/Lifecycles), each followed by three
/// more random steps run on the original and on the loaded record.
/// </summary>
public sealed class CodecPropertyTests
{
    private static Arbitrary<(TScenario Scenario, ModelStep[] Next)> WithNext<TScenario>(Gen<TScenario> scenarios, Gen<ModelStep> step) =>
        (from scenario in scenarios
         from next in Gen.ArrayOf(step, 3)
         select (scenario, next)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Incident_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(IncidentArbitraries.ScenarioGen, IncidentArbitraries.CoreStep), input =>
        {
            var (scenario, next) = input;
            var world = new IncidentWorld();
            var options = scenario.Setup.Options() ?? IncidentOptions.Default;
            var incident = Incident.Open(world.Tenant, world.Id, IncidentWorld.Actor(Who.Agent)!, IncidentWorld.CallerId, "E-mail is down",
                scenario.Setup.Impact, scenario.Setup.Urgency, world.Clock, options, service: new ServiceId("email"));
            CodecRoundTrip.Check(new IncidentCodec(options), incident, world.Clock, scenario.Steps, next,
                (step, i) => step is IncidentSteps.AdvanceToReopenDeadline d
                    ? ToReopenDeadline(world, i, d)
                    : CodecRoundTrip.SharedWorld(step, world.Clock, i.AcceptAuditEntries),
                (step, i) => ExecuteIncident(step, i, world));
        });

    [Property(MaxTest = 300)]
    public Property Problem_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(ProblemArbitraries.ScenarioGen, ProblemArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var world = new ProblemWorld();
            var problem = Problem.Open(world.Tenant, world.Id, ProblemWorld.Actor(Who.Agent)!, "E-mail stops every 30 days", world.Clock, new ServiceId("email"));
            CodecRoundTrip.Check(new ProblemCodec(), problem, world.Clock, scenario.Steps, next,
                (step, p) => CodecRoundTrip.SharedWorld(step, world.Clock, p.AcceptAuditEntries),
                ExecuteProblem);
        });

    [Property(MaxTest = 300)]
    public Property Change_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(ChangeArbitraries.ScenarioGen, ChangeArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var world = new ChangeWorld();
            var authority = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2);
            var change = Change.Open(world.Tenant, world.Id, scenario.Type, ChangeWorld.Actor(ChangeWho.Requester)!, "Patch the mail relay", "Initial plan.",
                new ServiceId(ChangeWorld.OpeningService), [new ConfigurationItemId(ChangeWorld.OpeningItem)], world.Clock, ChangeWorld.ImplementerId, scenario.Rejection, authority);
            CodecRoundTrip.Check(new ChangeCodec(authority), change, world.Clock, scenario.Steps, next,
                (step, c) => CodecRoundTrip.SharedWorld(step, world.Clock, c.AcceptAuditEntries),
                ExecuteChange);
        });

    [Property(MaxTest = 300)]
    public Property ServiceRequest_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(ServiceRequestArbitraries.ScenarioGen, ServiceRequestArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var setup = scenario.Setup;
            var world = new ServiceRequestWorld();
            var item = new CatalogItem(setup.RequiresApproval ? "laptop-standard" : "password-reset", setup.RequiresApproval);
            var request = ServiceRequest.Submit(world.Tenant, world.Id, ServiceRequestWorld.Actor(Who.Caller)!, item, world.Clock, setup.Priority is { } p ? new Priority(p) : null);
            CodecRoundTrip.Check(new ServiceRequestCodec(), request, world.Clock, scenario.Steps, next,
                (step, r) => CodecRoundTrip.SharedWorld(step, world.Clock, r.AcceptAuditEntries),
                ExecuteServiceRequest);
        });

    [Property(MaxTest = 300)]
    public Property Interaction_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(InteractionArbitraries.ScenarioGen, InteractionArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var world = new InteractionWorld();
            var interaction = Interaction.Log(world.Tenant, world.Id, InteractionWorld.Actor(Who.Agent)!, scenario.Channel, InteractionWorld.CallerId, InteractionWorld.ShortDescription, world.Clock);
            CodecRoundTrip.Check(new InteractionCodec(), interaction, world.Clock, scenario.Steps, next,
                (step, i) => CodecRoundTrip.SharedWorld(step, world.Clock, i.AcceptAuditEntries),
                ExecuteInteraction);
        });

    [Property(MaxTest = 300)]
    public Property ImprovementItem_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(ImprovementItemArbitraries.ScenarioGen, ImprovementItemArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var world = new ImprovementItemWorld(scenario.Direction);
            var item = ImprovementItem.Propose(world.Tenant, world.Id, ImprovementItemWorld.Actor(Who.CallerWithRole)!, ImprovementItemWorld.Title, "MeanTimeToResolve",
                world.Direction, world.Baseline, world.Target, world.Clock);
            CodecRoundTrip.Check(new ImprovementItemCodec(), item, world.Clock, scenario.Steps, next,
                (step, i) => CodecRoundTrip.SharedWorld(step, world.Clock, i.AcceptAuditEntries),
                ExecuteImprovementItem);
        });

    [Property(MaxTest = 300)]
    public Property KnowledgeArticle_round_trips_after_any_command_sequence() =>
        Prop.ForAll(WithNext(KnowledgeArticleArbitraries.ScenarioGen, KnowledgeArticleArbitraries.Step), input =>
        {
            var (scenario, next) = input;
            var world = new KnowledgeArticleWorld();
            var article = Itsm.Knowledge.KnowledgeArticle.Create(world.Tenant, world.Id, KnowledgeArticleWorld.Actor(Who.CallerWithRole)!, KnowledgeArticleWorld.Title, KnowledgeArticleWorld.Body, world.Clock);
            CodecRoundTrip.Check(new KnowledgeArticleCodec(), article, world.Clock, scenario.Steps, next,
                (step, a) => CodecRoundTrip.SharedWorld(step, world.Clock, a.AcceptAuditEntries),
                KnowledgeArticleModelTests.Execute);
        });

    private static bool ToReopenDeadline(IncidentWorld world, Incident incident, IncidentSteps.AdvanceToReopenDeadline step)
    {
        if (incident.ResolvedAt is { } resolved)
        {
            var window = incident.Options.Reopen.Window;
            if (window.Length is { } length
                && (window.Calendar is { } calendar ? calendar.Add(resolved, length) : resolved + length) + NodaTime.Duration.FromNanoseconds(step.OffsetNanoseconds) is var target
                && target > world.Clock.GetCurrentInstant())
            {
                world.Clock.Reset(target);
            }
        }

        return true;
    }

    // Null and out-of-range arguments are passed on as they are, as in the model tests.
    private static void ExecuteIncident(ModelStep step, Incident incident, IncidentWorld world)
    {
        switch (step)
        {
            case IncidentSteps.Assign s: incident.Assign(IncidentWorld.Actor(s.Who)!, s.Group is null ? null : new SupportGroupId(s.Group), s.Assignee); break;
            case IncidentSteps.Unassign s: incident.Unassign(IncidentWorld.Actor(s.Who)!); break;
            case IncidentSteps.StartWork s: incident.StartWork(IncidentWorld.Actor(s.Who)!); break;
            case IncidentSteps.ChangeHoldReason s: incident.ChangeHoldReason(IncidentWorld.Actor(s.Who)!, (OnHoldReason)s.Reason, s.Comment); break;
            case IncidentSteps.PutOnHold s: incident.PutOnHold(IncidentWorld.Actor(s.Who)!, (OnHoldReason)s.Reason, s.Comment); break;
            case IncidentSteps.Resume s: incident.Resume(IncidentWorld.Actor(s.Who)!); break;
            case IncidentSteps.RecordCallerResponse s: incident.RecordCallerResponse(IncidentWorld.Actor(s.Who)!, s.Comment!); break;
            case IncidentSteps.Resolve s: incident.Resolve(IncidentWorld.Actor(s.Who)!, (IncidentResolutionCode)s.Code, s.Notes!); break;
            case IncidentSteps.Reopen s: incident.Reopen(IncidentWorld.Actor(s.Who)!, s.Reason!); break;
            case IncidentSteps.Close s: incident.Close(IncidentWorld.Actor(s.Who)!); break;
            case IncidentSteps.Cancel s: incident.Cancel(IncidentWorld.Actor(s.Who)!, s.Reason!); break;
            case IncidentSteps.ChangeImpactOrUrgency s: incident.ChangeImpactOrUrgency(IncidentWorld.Actor(s.Who)!, (Impact)s.Impact, (Urgency)s.Urgency); break;
            case IncidentSteps.EscalateFunctionally s: incident.EscalateFunctionally(IncidentWorld.Actor(s.Who)!, new SupportGroupId(s.ToGroup!), s.Reason!); break;
            case IncidentSteps.EscalateHierarchically s: incident.EscalateHierarchically(IncidentWorld.Actor(s.Who)!, s.Manager!, s.Reason!); break;
            case IncidentSteps.PromoteToMajor s: incident.PromoteToMajor(IncidentWorld.Actor(s.Who)!, s.Reason!); break;
            case IncidentSteps.DemoteFromMajor s: incident.DemoteFromMajor(IncidentWorld.Actor(s.Who)!, s.Reason!); break;
            case IncidentSteps.AttachToParent s: incident.AttachToParent(IncidentWorld.Actor(s.Who)!, world.Parent(s.Parent, incident)!); break;
            case IncidentSteps.RecordPostIncidentReview s: incident.RecordPostIncidentReview(IncidentWorld.Actor(s.Who)!, s.Summary!); break;
            case IncidentSteps.LinkCausedByChange s: incident.LinkCausedByChange(IncidentWorld.Actor(s.Who)!, s.ChangeId!); break;
            case IncidentSteps.LinkProblem s: incident.LinkProblem(IncidentWorld.Actor(s.Who)!, s.ProblemId!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static void ExecuteProblem(ModelStep step, Problem problem)
    {
        switch (step)
        {
            case ProblemSteps.Assess s: problem.Assess(ProblemWorld.Actor(s.Who)!); break;
            case ProblemSteps.StartRootCauseAnalysis s: problem.StartRootCauseAnalysis(ProblemWorld.Actor(s.Who)!); break;
            case ProblemSteps.RecordRootCause s: problem.RecordRootCause(ProblemWorld.Actor(s.Who)!, s.RootCause!); break;
            case ProblemSteps.DocumentWorkaround s: problem.DocumentWorkaround(ProblemWorld.Actor(s.Who)!, s.Workaround!); break;
            case ProblemSteps.MarkAsKnownError s: problem.MarkAsKnownError(ProblemWorld.Actor(s.Who)!, s.Symptom!, s.Items!); break;
            case ProblemSteps.StartFix s: problem.StartFix(ProblemWorld.Actor(s.Who)!); break;
            case ProblemSteps.RaiseChange s: problem.RaiseChange(ProblemWorld.Actor(s.Who)!, s.Change!); break;
            case ProblemSteps.LinkIncident s: problem.LinkIncident(ProblemWorld.Actor(s.Who)!, ProblemWorld.Incident(s.Incident)); break;
            case ProblemSteps.UnlinkIncident s: problem.UnlinkIncident(ProblemWorld.Actor(s.Who)!, ProblemWorld.Incident(s.Incident)); break;
            case ProblemSteps.Resolve s: problem.Resolve(ProblemWorld.Actor(s.Who)!, (ProblemResolutionCode)s.Code, s.Notes!); break;
            case ProblemSteps.ResolveWithIncidents s: ProblemResolution.ResolveWithIncidents(problem, Array.Empty<Incident>(), ProblemWorld.Actor(s.Who)!, (ProblemResolutionCode)s.Code, s.Notes!); break;
            case ProblemSteps.Close s: problem.Close(ProblemWorld.Actor(s.Who)!); break;
            case ProblemSteps.Cancel s: problem.Cancel(ProblemWorld.Actor(s.Who)!, s.Reason!); break;
            case AssignStep s: problem.Assign(ProblemWorld.Actor(s.Who)!, s.Group is null ? null : new SupportGroupId(s.Group), s.Assignee); break;
            case UnassignStep s: problem.Unassign(ProblemWorld.Actor(s.Who)!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    // The same calls as the model test makes, so the round trip covers every change command (the scope commands among them).
    private static void ExecuteChange(ModelStep step, Change change) => ChangeModelTests.Execute(step, change);

    private static void ExecuteServiceRequest(ModelStep step, ServiceRequest request)
    {
        switch (step)
        {
            case ServiceRequestSteps.RequestApproval s: request.RequestApproval(ServiceRequestWorld.Actor(s.Who)!); break;
            case ServiceRequestSteps.Approve s: request.Approve(ServiceRequestWorld.Actor(s.Who)!, s.Comment); break;
            case ServiceRequestSteps.Reject s: request.Reject(ServiceRequestWorld.Actor(s.Who)!, s.Reason!); break;
            case ServiceRequestSteps.StartFulfilment s: request.StartFulfilment(ServiceRequestWorld.Actor(s.Who)!); break;
            case ServiceRequestSteps.Fulfil s: request.Fulfil(ServiceRequestWorld.Actor(s.Who)!, s.Notes!); break;
            case ServiceRequestSteps.Close s: request.Close(ServiceRequestWorld.Actor(s.Who)!); break;
            case ServiceRequestSteps.Cancel s: request.Cancel(ServiceRequestWorld.Actor(s.Who)!, s.Reason!); break;
            case AssignStep s: request.Assign(ServiceRequestWorld.Actor(s.Who)!, s.Group is null ? null : new SupportGroupId(s.Group), s.Assignee); break;
            case UnassignStep s: request.Unassign(ServiceRequestWorld.Actor(s.Who)!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static void ExecuteInteraction(ModelStep step, Interaction interaction)
    {
        switch (step)
        {
            case InteractionSteps.ClassifyAsIncident s: interaction.ClassifyAsIncident(InteractionWorld.Actor(s.Who)!, new IncidentId(s.Incident), s.ResolvedOnFirstContact); break;
            case InteractionSteps.ClassifyAsServiceRequest s: interaction.ClassifyAsServiceRequest(InteractionWorld.Actor(s.Who)!, new ServiceRequestId(s.Request)); break;
            case InteractionSteps.Answer s: interaction.AnswerOnFirstContact(InteractionWorld.Actor(s.Who)!, s.Text!); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static void ExecuteImprovementItem(ModelStep step, ImprovementItem item)
    {
        switch (step)
        {
            case ImprovementItemSteps.Update s: item.Update(ImprovementItemWorld.Actor(s.Who)!, s.Title!, s.Baseline, s.Target); break;
            case ImprovementItemSteps.Approve s: item.Approve(ImprovementItemWorld.Actor(s.Who)!); break;
            case ImprovementItemSteps.Reject s: item.Reject(ImprovementItemWorld.Actor(s.Who)!, s.Reason!); break;
            case ImprovementItemSteps.Start s: item.Start(ImprovementItemWorld.Actor(s.Who)!); break;
            case ImprovementItemSteps.Complete s: item.Complete(ImprovementItemWorld.Actor(s.Who)!, s.Measured); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
