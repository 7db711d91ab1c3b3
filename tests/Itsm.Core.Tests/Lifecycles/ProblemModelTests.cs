using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the problem lifecycle: a new problem receives 20 to 60 random commands with
/// random, often invalid, arguments (most of them refused), interleaved with clock moves and saves.
/// After every step the problem must agree with <see cref="ProblemModel"/>: the same outcome, state,
/// root cause, workaround, known error, links, changes, resolution, assignment and version (so an
/// Assign or Unassign that is accepted leaves the state as it was and adds one version), exactly one more
/// audit entry when accepted (reading as its typed event, which writes the entry's data back exactly) and nothing changed when refused, and the same permitted commands.
/// </summary>
public sealed class ProblemModelTests
{
    [Property(Arbitrary = [typeof(ProblemArbitraries)], MaxTest = 1000)]
    public void Every_command_sequence_follows_the_model(ProblemScenario scenario)
    {
        var world = new ProblemWorld();
        var run = new ModelRun("Problem.Open(acme, analyst)");
        var opener = ProblemWorld.Actor(Who.Agent)!;
        var problem = Problem.Open(world.Tenant, world.Id, opener, "E-mail stops every 30 days", world.Clock);
        var model = new ProblemModel(world);
        run.CheckAudit([], problem.UncommittedAuditEntries, new ExpectedEntry(
            world.Tenant, Problem.RecordType, world.Id.ToString(), 1, ProblemWorld.Start, opener, "Open", "New", "New"));
        TypedEventCheck.Check(run, 0, problem.UncommittedAuditEntries);
        Check(run, model, problem);

        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case AdvanceClock a:
                    world.Clock.Advance(a.By);
                    run.Log(step);
                    continue;
                case AcceptAuditEntries:
                    problem.AcceptAuditEntries();
                    run.Log(step);
                    run.Equal(0, problem.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                    continue;
            }

            var before = problem.UncommittedAuditEntries.ToArray();
            var fromState = model.View.State;
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            run.True(!(ProblemModel.IsTerminal(fromState) && expected.IsAccepted), () => "the model accepted a command in a terminal state");

            var thrown = ModelRun.Capture(() => Execute(step, problem));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, problem.UncommittedAuditEntries, entry);
            TypedEventCheck.Check(run, before.Length, problem.UncommittedAuditEntries);
            Check(run, model, problem);
        }
    }

    /// <summary>The generator reaches every state, tries every command in every state, and breaks every rule (model only, fixed sample).</summary>
    [Fact]
    public void Generated_sequences_cover_every_state_command_and_rule()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(ProblemState, ProblemCommand, bool)>();
        var outcomes = new HashSet<string>();
        foreach (var scenario in ProblemArbitraries.ScenarioGen.Sample(2000, new Rnd(20260302UL), 50))
        {
            var model = new ProblemModel(new ProblemWorld());
            foreach (var step in scenario.Steps.Where(s => s is not AdvanceClock and not AcceptAuditEntries))
            {
                var from = model.View.State;
                var expected = model.Apply(step, out _);
                tried.Add((from, CommandOf(step), expected.IsAccepted));
                commands++;
                accepted += expected.IsAccepted ? 1 : 0;
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
        foreach (var state in Enum.GetValues<ProblemState>())
        {
            // TransitionWorkflow needs a configured workflow: the workflow model tests cover it.
            foreach (var command in ProblemLifecycle.Commands.Where(c => c != ProblemCommand.TransitionWorkflow))
            {
                if (!tried.Contains((state, command, false)))
                {
                    missing.Add($"{command} refused in {state}");
                }

                if (ProblemModel.Next(state, command) is not null && !tried.Contains((state, command, true)))
                {
                    missing.Add($"{command} accepted in {state}");
                }
            }
        }

        missing.AddRange(new[]
            {
                "ITSM-PRB-KNOWNERROR-001", "ITSM-PRB-KNOWNERROR-002", "ITSM-PRB-KNOWNERROR-003", "ITSM-PRB-FIX-001",
                "ITSM-PRB-RESOLVE-001", "ITSM-PRB-RESOLVE-002", "ITSM-PRB-CHANGE-001", "ITSM-PRB-LINK-001", "ITSM-PRB-LINK-002",
                "ITSM-PRB-ASSIGN-001", "ITSM-PRB-ASSIGN-002", "ITSM-PRB-SERVICE-001", "ITSM-PRB-CI-001", "ITSM-PRB-CI-002", "ITSM-PRB-SUPPLIER-001", "ITSM-PRB-KB-001",
                "argument", "refused", "accepted",
            }
            .Where(code => !outcomes.Contains(code)));
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.Empty(missing);
    }

    private static void Check(ModelRun run, ProblemModel model, Problem problem)
    {
        run.Equal(model.View, ProblemView.Of(problem), "problem");
        run.CheckPermitted(ProblemLifecycle.Commands, model.Permits, problem.PermittedCommands, problem.Permits);
        if (ProblemModel.IsTerminal(problem.State))
        {
            run.Equal(0, problem.PermittedCommands.Count, "commands permitted in a terminal state");
        }

        run.True(problem.LinkedIncidents.Distinct().Count() == problem.LinkedIncidents.Count, () => "an incident is linked twice");
        run.True(problem.KnownError is null || (problem.KnownError.RootCause == problem.RootCause && problem.KnownError.Workaround == problem.Workaround), () => "the known error does not show the current root cause and workaround");
    }

    private static ProblemCommand CommandOf(ModelStep step) => step switch
    {
        ProblemSteps.Assess => ProblemCommand.Assess,
        ProblemSteps.StartRootCauseAnalysis => ProblemCommand.StartRootCauseAnalysis,
        ProblemSteps.RecordRootCause => ProblemCommand.RecordRootCause,
        ProblemSteps.DocumentWorkaround => ProblemCommand.DocumentWorkaround,
        ProblemSteps.MarkAsKnownError => ProblemCommand.MarkAsKnownError,
        ProblemSteps.StartFix => ProblemCommand.StartFix,
        ProblemSteps.RaiseChange => ProblemCommand.RaiseChange,
        ProblemSteps.LinkIncident => ProblemCommand.LinkIncident,
        ProblemSteps.UnlinkIncident => ProblemCommand.UnlinkIncident,
        ProblemSteps.Resolve or ProblemSteps.ResolveWithIncidents => ProblemCommand.Resolve,
        ProblemSteps.Close => ProblemCommand.Close,
        ProblemSteps.Cancel => ProblemCommand.Cancel,
        AssignStep => ProblemCommand.Assign,
        UnassignStep => ProblemCommand.Unassign,
        ChangeServiceStep => ProblemCommand.ChangeService,
        AddConfigurationItemStep => ProblemCommand.AddConfigurationItem,
        RemoveConfigurationItemStep => ProblemCommand.RemoveConfigurationItem,
        AssignToSupplierStep => ProblemCommand.AssignToSupplier,
        _ when JournalFields.Is(step) => Enum.Parse<ProblemCommand>(JournalFields.CommandName(step)),
        LinkKnowledgeArticleStep => ProblemCommand.LinkKnowledgeArticle,
        _ => throw new ArgumentException($"Not a command step: {step}", nameof(step)),
    };

    // Null arguments are passed on as they are: the problem must refuse them.
    private static void Execute(ModelStep step, Problem problem)
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
            case ProblemSteps.ResolveWithIncidents s:
                var resolved = ProblemResolution.ResolveWithIncidents(problem, Array.Empty<Incident>(), ProblemWorld.Actor(s.Who)!, (ProblemResolutionCode)s.Code, s.Notes!);
                Assert.Empty(resolved);
                break;
            case ProblemSteps.Close s: problem.Close(ProblemWorld.Actor(s.Who)!); break;
            case ProblemSteps.Cancel s: problem.Cancel(ProblemWorld.Actor(s.Who)!, s.Reason!); break;
            case AssignStep s: problem.Assign(ProblemWorld.Actor(s.Who)!, s.Group is null ? null : new SupportGroupId(s.Group), s.Assignee); break;
            case UnassignStep s: problem.Unassign(ProblemWorld.Actor(s.Who)!); break;
            case ChangeServiceStep s: problem.ChangeService(ProblemWorld.Actor(s.Who)!, s.Service is null ? null : new ServiceId(s.Service), s.Offering is null ? null : new ServiceOfferingId(s.Offering)); break;
            case AddConfigurationItemStep s: problem.AddConfigurationItem(ProblemWorld.Actor(s.Who)!, new ConfigurationItemId(s.Item)); break;
            case RemoveConfigurationItemStep s: problem.RemoveConfigurationItem(ProblemWorld.Actor(s.Who)!, new ConfigurationItemId(s.Item)); break;
            case AssignToSupplierStep s: problem.AssignToSupplier(ProblemWorld.Actor(s.Who)!, s.Supplier is null ? null : new SupplierId(s.Supplier)); break;
            case var s when JournalFields.Is(s): JournalFields.Run(s, ProblemWorld.Actor(JournalFields.WhoOf(s)), problem.AddWorkNote, problem.AddComment, (a, d, n) => problem.LogTime(a, d, n)); break;
            case LinkKnowledgeArticleStep s: problem.LinkKnowledgeArticle(ProblemWorld.Actor(s.Who)!, KnowledgeLinksModel.Id(s.Article)); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
