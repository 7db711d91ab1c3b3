using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Model-based tests of the change lifecycle: a new change of a random type and rejection policy
/// receives 20 to 60 random commands with random, often invalid, arguments and approvers (most of
/// them refused), interleaved with clock moves and saves. After every step the change must agree with
/// <see cref="ChangeModel"/> (outcome, state, plan, window, risk, approvals, implementer, outcome,
/// version, exactly one more audit entry when accepted (reading as its typed event, which writes the entry's data back exactly) and nothing changed when refused, the same
/// permitted commands) and hold the invariants: no change is Scheduled (or later) without the
/// approvals its authority requires; no approval by the requester or the implementer is ever
/// accepted; any edit after approval voids the approvals.
/// </summary>
public sealed class ChangeModelTests
{
    [Property(Arbitrary = [typeof(ChangeArbitraries)], MaxTest = 1000)]
    public void Every_command_sequence_follows_the_model(ChangeScenario scenario)
    {
        var world = new ChangeWorld();
        var run = new ModelRun($"Change.Open({scenario.Type}, {scenario.Rejection})");
        var requester = ChangeWorld.Actor(ChangeWho.Requester)!;
        var change = Change.Open(world.Tenant, world.Id, scenario.Type, requester, "Patch the mail relay", "Initial plan.", new ServiceId(ChangeWorld.OpeningService), [new ConfigurationItemId(ChangeWorld.OpeningItem)],
            world.Clock, ChangeWorld.ImplementerId, scenario.Rejection);
        var model = new ChangeModel(world, scenario.Type, scenario.Rejection);
        run.CheckAudit([], change.UncommittedAuditEntries, new ExpectedEntry(
            world.Tenant, Change.RecordType, world.Id.ToString(), 1, ChangeWorld.Start, requester, "Open", "New", "New"));
        TypedEventCheck.Check(run, 0, change.UncommittedAuditEntries);
        Check(run, change, model);

        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case AdvanceClock a:
                    world.Clock.Advance(a.By);
                    run.Log(step);
                    continue;
                case AcceptAuditEntries:
                    change.AcceptAuditEntries();
                    run.Log(step);
                    run.Equal(0, change.UncommittedAuditEntries.Count, "audit entries after AcceptAuditEntries");
                    continue;
            }

            var before = change.UncommittedAuditEntries.ToArray();
            var fromState = model.View.State;
            int approvalsBefore = change.Approvals.Count;
            var expected = model.Apply(step, out var entry);
            run.Log(step, expected);
            run.True(!(ChangeModel.IsTerminal(fromState) && expected.IsAccepted), () => "the model accepted a command in a terminal state");

            var thrown = ModelRun.Capture(() => Execute(step, change));
            run.CheckOutcome(expected, thrown);
            run.CheckAudit(before, change.UncommittedAuditEntries, entry);
            TypedEventCheck.Check(run, before.Length, change.UncommittedAuditEntries);
            Check(run, change, model);

            if (thrown is null && step is ChangeSteps.EditPlan or ChangeSteps.EditWindow)
            {
                run.Equal(0, change.Approvals.Count, $"approvals after an edit (there were {approvalsBefore})");
            }
        }
    }

    /// <summary>The generator reaches every state of every type, tries every command in every state, and breaks every rule (model only, fixed sample).</summary>
    [Fact]
    public void Generated_sequences_cover_every_state_command_and_rule()
    {
        int commands = 0, accepted = 0;
        var tried = new HashSet<(ChangeType, RejectionPolicy, ChangeState, ChangeCommand, bool)>();
        var outcomes = new HashSet<string>();
        foreach (var scenario in ChangeArbitraries.ScenarioGen.Sample(20000, new Rnd(20260302UL), 50))
        {
            var model = new ChangeModel(new ChangeWorld(), scenario.Type, scenario.Rejection);
            foreach (var step in scenario.Steps.Where(s => s is not AdvanceClock and not AcceptAuditEntries))
            {
                var from = model.View.State;
                var expected = model.Apply(step, out _);
                tried.Add((scenario.Type, scenario.Rejection, from, CommandOf(step), expected.IsAccepted));
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
        foreach (var type in Enum.GetValues<ChangeType>())
        {
            foreach (var rejection in Enum.GetValues<RejectionPolicy>())
            {
                foreach (var state in Enum.GetValues<ChangeState>())
                {
                    // ApprovalOverdue is the SLA worker's, with no generated step: ApprovalOverdueTests and the worker tests cover it.
                    foreach (var command in ChangeLifecycle.Commands.Where(c => c != ChangeCommand.ApprovalOverdue))
                    {
                        // The journal commands depend on neither the type nor the rejection policy (ChangeLifecycleTests checks
                        // each state of each type): accepted in the state under any of them is enough.
                        bool journal = command is ChangeCommand.AddWorkNote or ChangeCommand.AddComment or ChangeCommand.LogTime;

                        // The service-model commands are permitted alike in every active state (ChangeLifecycleTests checks
                        // each state): here a scope edit must be accepted before authorisation and refused after it, and
                        // the group set somewhere, so the rare late states need not be reached by each of them.
                        bool locked = IsScopeEdit(command) && state is not (ChangeState.New or ChangeState.Assess);
                        bool covered = !IsServiceModelCommand(command)
                            ? tried.Contains((type, rejection, state, command, true))
                                || (journal && tried.Any(t => t.Item3 == state && t.Item4 == command && t.Item5))
                            : tried.Any(t => t.Item1 == type && t.Item2 == rejection && t.Item4 == command && t.Item5 != locked
                                && (!IsScopeEdit(command) || (t.Item3 is ChangeState.New or ChangeState.Assess) != locked));
                        if (ChangeModel.Next(type, rejection, state, command) is not null && !covered)
                        {
                            missing.Add($"{type}/{rejection}: {command} {(locked ? "refused after authorisation" : "accepted in " + state)}");
                        }
                    }
                }
            }
        }

        missing.AddRange(new[]
            {
                "ITSM-CHG-AUTH-001", "ITSM-CHG-SOD-001", "ITSM-CHG-SOD-002", "ITSM-CHG-APPROVE-001", "ITSM-CHG-APPROVE-002",
                "ITSM-CHG-SCHEDULE-001", "ITSM-CHG-SCHEDULE-002", "ITSM-CHG-SCOPE-001", "ITSM-CHG-SCOPE-002", "ITSM-CHG-SERVICE-001",
                "ITSM-CHG-CI-001", "ITSM-CHG-CI-002", "ITSM-CHG-SUPPLIER-001", "ITSM-CHG-ASSIGN-001", "ITSM-APPROVAL-001", "ITSM-APPROVAL-002", "argument", "refused", "accepted",
            }
            .Where(code => !outcomes.Contains(code)));
        if (accepted * 2 >= commands)
        {
            missing.Add($"only {commands - accepted} of {commands} commands refused");
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static void Check(ModelRun run, Change change, ChangeModel model)
    {
        run.Equal(model.View, ChangeView.Of(change), "change");
        run.CheckPermitted(ChangeLifecycle.Commands, model.Permits, change.PermittedCommands, change.Permits);
        if (ChangeModel.IsTerminal(change.State))
        {
            run.Equal(0, change.PermittedCommands.Count, "commands permitted in a terminal state");
        }

        // No change reaches Scheduled (or goes on) without the approvals its authority requires.
        if (change.State is ChangeState.Scheduled or ChangeState.Implement or ChangeState.Review or ChangeState.Closed)
        {
            var approvals = change.Approvals.Select(a => (a.ApproverId, a.Roles));
            run.True(ChangeModel.Satisfied(change.Type, change.Risk, approvals), () => $"{change.State} without the approvals {change.RequiredAuthority} requires");
        }

        // No approval by the requester or the implementer is ever accepted; one person counts once.
        run.True(change.Approvals.All(a => a.ApproverId != change.RequesterId && a.ApproverId != change.ImplementerId), () => "an approval by the requester or the implementer");
        run.True(change.Approvals.Select(a => a.ApproverId).Distinct().Count() == change.Approvals.Count, () => "one person approved twice");
    }

    private static bool IsScopeEdit(ChangeCommand command) => command is ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem
        or ChangeCommand.RemoveConfigurationItem or ChangeCommand.AssignToSupplier;

    private static bool IsServiceModelCommand(ChangeCommand command) => IsScopeEdit(command) || command == ChangeCommand.Assign;

    private static ChangeCommand CommandOf(ModelStep step) => step switch
    {
        ChangeSteps.Submit => ChangeCommand.Submit,
        ChangeSteps.AssessRisk => ChangeCommand.AssessRisk,
        ChangeSteps.RequestAuthorization => ChangeCommand.RequestAuthorization,
        ChangeSteps.Approve => ChangeCommand.Approve,
        ChangeSteps.Reject => ChangeCommand.Reject,
        ChangeSteps.DelegateApproval => ChangeCommand.DelegateApproval,
        ChangeSteps.Schedule => ChangeCommand.Schedule,
        ChangeSteps.EditPlan => ChangeCommand.EditPlan,
        ChangeSteps.EditWindow => ChangeCommand.EditWindow,
        ChangeSteps.StartImplementation => ChangeCommand.StartImplementation,
        ChangeSteps.CompleteImplementation => ChangeCommand.CompleteImplementation,
        ChangeSteps.Close => ChangeCommand.Close,
        ChangeSteps.Cancel => ChangeCommand.Cancel,
        _ when JournalFields.Is(step) => Enum.Parse<ChangeCommand>(JournalFields.CommandName(step)),
        ChangeSteps.Assign => ChangeCommand.Assign,
        ChangeServiceStep => ChangeCommand.ChangeService,
        AddConfigurationItemStep => ChangeCommand.AddConfigurationItem,
        RemoveConfigurationItemStep => ChangeCommand.RemoveConfigurationItem,
        AssignToSupplierStep => ChangeCommand.AssignToSupplier,
        _ => throw new ArgumentException($"Not a command step: {step}", nameof(step)),
    };

    // Null arguments are passed on as they are: the change must refuse them.
    internal static void Execute(ModelStep step, Change change)
    {
        switch (step)
        {
            case ChangeSteps.Submit s: change.Submit(ChangeWorld.Actor(s.Who)!); break;
            case ChangeSteps.AssessRisk s:
                change.AssessRisk(ChangeWorld.Actor(s.Who)!, ChangeWorld.Policy, new Dictionary<string, string> { ["impact"] = ChangeWorld.Answer(s.Answer)! }, s.CausesOutage);
                break;
            case ChangeSteps.RequestAuthorization s: change.RequestAuthorization(ChangeWorld.Actor(s.Who)!); break;
            case ChangeSteps.Approve s: change.Approve(ChangeWorld.Actor(s.Who)!); break;
            case ChangeSteps.Reject s: change.Reject(ChangeWorld.Actor(s.Who)!, s.Reason!); break;
            case ChangeSteps.DelegateApproval s: change.DelegateApproval(ChangeWorld.Actor(s.Who)!, s.ToId); break;
            case ChangeSteps.Schedule s: change.Schedule(ChangeWorld.Actor(s.Who)!, ChangeWorld.WindowOf(s.Window), ChangeWorld.Calendar); break;
            case ChangeSteps.EditPlan s: change.EditPlan(ChangeWorld.Actor(s.Who)!, s.Plan!); break;
            case ChangeSteps.EditWindow s: change.EditWindow(ChangeWorld.Actor(s.Who)!, ChangeWorld.WindowOf(s.Window)); break;
            case ChangeSteps.StartImplementation s: change.StartImplementation(ChangeWorld.Actor(s.Who)!); break;
            case ChangeSteps.CompleteImplementation s: change.CompleteImplementation(ChangeWorld.Actor(s.Who)!); break;
            case ChangeSteps.Close s: change.Close(ChangeWorld.Actor(s.Who)!, (ChangeReviewOutcome)s.Outcome); break;
            case ChangeSteps.Cancel s: change.Cancel(ChangeWorld.Actor(s.Who)!, s.Reason!); break;
            case var j when JournalFields.Is(j): JournalFields.Run(j, ChangeWorld.Actor(ChangeWorld.WhoOf(JournalFields.WhoOf(j))), change.AddWorkNote, change.AddComment, (a, d, n) => change.LogTime(a, d, n)); break;
            case ChangeSteps.Assign s: change.Assign(ChangeWorld.Actor(s.Who)!, s.Group is null ? null : new SupportGroupId(s.Group)); break;
            case ChangeServiceStep s: change.ChangeService(ChangeWorld.Actor(s.Who)!, s.Service is null ? null : new ServiceId(s.Service), s.Offering is null ? null : new ServiceOfferingId(s.Offering)); break;
            case AddConfigurationItemStep s: change.AddConfigurationItem(ChangeWorld.Actor(s.Who)!, new ConfigurationItemId(s.Item)); break;
            case RemoveConfigurationItemStep s: change.RemoveConfigurationItem(ChangeWorld.Actor(s.Who)!, new ConfigurationItemId(s.Item)); break;
            case AssignToSupplierStep s: change.AssignToSupplier(ChangeWorld.Actor(s.Who)!, s.Supplier is null ? null : new SupplierId(s.Supplier)); break;
            default: throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }
}
