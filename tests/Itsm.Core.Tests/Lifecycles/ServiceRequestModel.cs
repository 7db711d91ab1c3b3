using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the service request model test: one per command of <see cref="ServiceRequest"/>.</summary>
public static class ServiceRequestSteps
{
    /// <summary><c>RequestApproval(actor)</c>, or with <paramref name="TwoLevels"/> <c>RequestApproval(actor, ServiceRequestWorld.TwoLevels)</c>.</summary>
    public sealed record RequestApproval(Who Who, bool TwoLevels = false) : ModelStep
    {
        public override string ToString() => TwoLevels ? $"RequestApproval({Who}, two levels)" : $"RequestApproval({Who})";
    }

    /// <summary><c>DelegateApproval(approver, delegate)</c>; <see cref="Who.Nobody"/> as the delegate stands for a blank id.</summary>
    public sealed record DelegateApproval(Who Who, Who To) : ModelStep
    {
        public string ToId => ServiceRequestWorld.Actor(To)?.Id ?? " ";

        public override string ToString() => $"DelegateApproval({Who} -> {To})";
    }

    public sealed record Approve(Who Who, string? Comment) : ModelStep
    {
        public override string ToString() => $"Approve({Who}, {Q(Comment)})";
    }

    public sealed record Reject(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Reject({Who}, {Q(Reason)})";
    }

    public sealed record StartFulfilment(Who Who) : ModelStep
    {
        public override string ToString() => $"StartFulfilment({Who})";
    }

    public sealed record Fulfil(Who Who, string? Notes) : ModelStep
    {
        public override string ToString() => $"Fulfil({Who}, {Q(Notes)})";
    }

    public sealed record Close(Who Who) : ModelStep
    {
        public override string ToString() => $"Close({Who})";
    }

    /// <summary><c>RecordSlaThreshold(actor, threshold)</c>: due <paramref name="DueSeconds"/> after the world's start, at <paramref name="Percent"/> % (0 is invalid).</summary>
    public sealed record SlaThreshold(Who Who, int DueSeconds, int Percent) : ModelStep
    {
        public override string ToString() => $"RecordSlaThreshold({Who}, {Percent}% due start+{DueSeconds}s)";

        public Itsm.Sla.SlaThresholdReached Threshold() => new(
            "ola", Itsm.Sla.SlaMetric.Resolution, Percent, Percent <= 0 ? Itsm.Sla.SlaThresholdKind.Warning : Itsm.Sla.SlaThresholdReached.KindOf(Percent),
            ServiceRequestWorld.Start + Duration.FromSeconds(DueSeconds));
    }

    public sealed record Cancel(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Cancel({Who}, {Q(Reason)})";
    }
}

/// <summary>How the request under test is submitted.</summary>
/// <param name="RequiresApproval">Whether its catalog item requires approval.</param>
/// <param name="Priority">Its priority (1 to 5), or null for the default (4 Low).</param>
public sealed record ServiceRequestSetup(bool RequiresApproval, int? Priority)
{
    public override string ToString() =>
        $"ServiceRequest.Submit(item {(RequiresApproval ? "requiring approval" : "without approval")}, priority {(Priority is null ? "default" : Priority)})";
}

/// <summary>
/// What the model test can observe of a service request (and what the model predicts). <paramref name="Chain"/> is where the
/// approval chain stands while the request awaits approval (the waiting level, its distinct approvals, the delegations in
/// force), null otherwise; <paramref name="ChainStartedAt"/> is when the current run of the chain started (approval asked
/// for, or restarted by a service-model edit): the instant the first level's due time counts from.
/// </summary>
public sealed record ServiceRequestView(ServiceRequestState State, string RequesterId, string? ApproverId, int Priority, long Version, (Instant DueAt, double Percent)? LastSlaThreshold = null,
    string? AssignmentGroup = null, string? AssignedTo = null, ServiceFields? Fields = null, string? Satisfaction = null, JournalFields? Journal = null,
    (int Level, int Approvals, int Delegations)? Chain = null, Instant? ChainStartedAt = null)
{
    public static ServiceRequestView Of(ServiceRequest request) =>
        new(request.State, request.RequesterId, request.ApproverId, request.Priority.Value, request.Version,
            request.LastSlaThreshold is { } t ? (t.DueAt, t.ThresholdPercent) : null, request.AssignmentGroup?.Value, request.AssignedTo,
            ServiceFieldsOf.Read(request.Service, request.Offering, request.ConfigurationItems, request.Supplier), SatisfactionModel.Of(request.Satisfaction), JournalFields.Of(request.Journal),
            request.State == ServiceRequestState.AwaitingApproval && request.ApprovalStatus is { } status ? (status.Level, status.Approvals, request.ApprovalDelegations.Count) : null,
            request.ApprovalStartedAt);
}

/// <summary>The world a service request model test runs in.</summary>
public sealed class ServiceRequestWorld
{
    public const string RequesterId = "rita";

    /// <summary>Two open levels (anyone but the requester): one approval, then two distinct ones.</summary>
    public static readonly Itsm.Approvals.ApprovalChain TwoLevels = new("Two levels",
    [
        new Itsm.Approvals.ApprovalLevel("First", Itsm.Approvals.ApprovalRule.Any, []),
        new Itsm.Approvals.ApprovalLevel("Second", Itsm.Approvals.ApprovalRule.Quorum(2), []),
    ]);

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public ServiceRequestId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000002"));

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor(RequesterId),
        Who.CallerWithRole => new Actor(RequesterId, "approver"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "approver"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}

/// <summary>
/// An independent model of the service request lifecycle, written from docs/lifecycles/README.md:
/// the table of state x command -> next state and each command's rules (approval required or not,
/// approver not the requester), in the documented order (arguments, state, rules).
/// </summary>
public sealed class ServiceRequestModel
{
    private readonly ServiceRequestSetup _setup;
    private readonly ServiceRequestWorld _world;

    public ServiceRequestModel(ServiceRequestSetup setup, ServiceRequestWorld world)
    {
        _setup = setup;
        _world = world;
        View = new ServiceRequestView(ServiceRequestState.Submitted, ServiceRequestWorld.RequesterId, null, setup.Priority ?? 4, 1, Fields: ServiceFields.None, Journal: JournalFields.None);
    }

    public ServiceRequestView View { get; private set; }

    /// <summary>The command the last step stood for (an approval is Approve or RecordApproval by whether it completes the chain).</summary>
    public ServiceRequestCommand LastCommand { get; private set; }

    /// <summary>
    /// What the last accepted command's audit entry records as <c>voidedApprovals</c>: the approvals of the current run when a
    /// service-model edit restarted the chain (the request was awaiting approval), else null (the key is left out).
    /// </summary>
    public int? LastVoidedApprovals { get; private set; }

    // The approval chain (docs/approvals.md), with open levels: how many levels, the one waiting, who approved
    // it, and who handed their decision to whom.
    private int _levels = 1;
    private int _level;
    private readonly List<string> _approved = [];
    private readonly List<(string From, string To)> _delegations = [];
    private int _runApprovals;

    // Closed still takes a survey result, and nothing else.
    public static bool IsTerminal(ServiceRequestState state) =>
        state is ServiceRequestState.Rejected or ServiceRequestState.Canceled;

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it.</summary>
    public static ServiceRequestState? Next(ServiceRequestState state, ServiceRequestCommand command) => (state, command) switch
    {
        (ServiceRequestState.Submitted, ServiceRequestCommand.RequestApproval) => ServiceRequestState.AwaitingApproval,
        (ServiceRequestState.Submitted, ServiceRequestCommand.StartFulfilment) => ServiceRequestState.Fulfilling,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.Approve) => ServiceRequestState.Fulfilling,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.Reject) => ServiceRequestState.Rejected,
        (ServiceRequestState.AwaitingApproval, ServiceRequestCommand.RecordApproval or ServiceRequestCommand.DelegateApproval or ServiceRequestCommand.ApprovalOverdue) => ServiceRequestState.AwaitingApproval,
        (ServiceRequestState.Fulfilling, ServiceRequestCommand.Fulfil) => ServiceRequestState.Fulfilled,
        (ServiceRequestState.Fulfilled, ServiceRequestCommand.Close) => ServiceRequestState.Closed,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling, ServiceRequestCommand.Cancel) => ServiceRequestState.Canceled,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling or ServiceRequestState.Fulfilled,
            ServiceRequestCommand.SlaThreshold or ServiceRequestCommand.Assign or ServiceRequestCommand.Unassign
            or ServiceRequestCommand.ChangeService or ServiceRequestCommand.AddConfigurationItem or ServiceRequestCommand.RemoveConfigurationItem
            or ServiceRequestCommand.AddWorkNote or ServiceRequestCommand.AddComment or ServiceRequestCommand.LogTime) => state,
        (ServiceRequestState.Submitted or ServiceRequestState.AwaitingApproval or ServiceRequestState.Fulfilling, ServiceRequestCommand.AssignToSupplier) => state,
        (ServiceRequestState.Fulfilled or ServiceRequestState.Closed, ServiceRequestCommand.RecordSatisfaction) => state,
        _ => null,
    };

    public bool Permits(ServiceRequestCommand command) => Next(View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        var requester = ServiceRequestWorld.RequesterId;
        switch (step)
        {
            case ServiceRequestSteps.RequestApproval s:
                return Command(ServiceRequestCommand.RequestApproval, s.Who, Args(s.Who, "actor"),
                    () => _setup.RequiresApproval ? null : "ITSM-REQ-APPROVAL-002", m =>
                    {
                        _levels = s.TwoLevels ? 2 : 1;
                        return RestartChain(m);
                    }, out entry);

            case ServiceRequestSteps.StartFulfilment s:
                return Command(ServiceRequestCommand.StartFulfilment, s.Who, Args(s.Who, "actor"),
                    () => _setup.RequiresApproval ? "ITSM-REQ-APPROVAL-001" : null, m => m, out entry);

            case ServiceRequestSteps.Approve s:
            {
                var actor = ServiceRequestWorld.Actor(s.Who);
                var decidesFor = actor is null ? [] : DecidesFor(actor.Id);
                bool completes = _approved.Count + decidesFor.Count >= (_level == 0 ? 1 : 2) && _level == _levels - 1;
                var command = View.State == ServiceRequestState.AwaitingApproval && !completes ? ServiceRequestCommand.RecordApproval : ServiceRequestCommand.Approve;
                return Command(command, s.Who, Args(s.Who, "approver"),
                    () => actor!.Id == requester ? "ITSM-REQ-APPROVAL-003" : decidesFor.Count == 0 ? "ITSM-REQ-APPROVAL-005" : null,
                    m =>
                    {
                        _approved.AddRange(decidesFor);
                        _runApprovals += decidesFor.Count;
                        if (_approved.Count >= (_level == 0 ? 1 : 2))
                        {
                            _level++;
                            _approved.Clear();
                        }

                        return WithChain(m with { ApproverId = actor!.Id });
                    }, out entry);
            }

            case ServiceRequestSteps.Reject s:
            {
                var actor = ServiceRequestWorld.Actor(s.Who);
                return Command(ServiceRequestCommand.Reject, s.Who, Args(s.Who, "approver").Blank(s.Reason, "reason"),
                    () => actor!.Id == requester ? "ITSM-REQ-APPROVAL-003" : DecidesFor(actor.Id).Count == 0 ? "ITSM-REQ-APPROVAL-005" : null,
                    m => m with { ApproverId = actor!.Id }, out entry);
            }

            case ServiceRequestSteps.DelegateApproval s:
            {
                var actor = ServiceRequestWorld.Actor(s.Who);
                string to = s.ToId;
                return Command(ServiceRequestCommand.DelegateApproval, s.Who, Args(s.Who, "approver").Blank(to, "delegateId"),
                    () => actor!.Id == requester || to == requester ? "ITSM-REQ-APPROVAL-003"
                        : _approved.Contains(actor.Id) ? "ITSM-APPROVAL-002"
                        : to == actor.Id || Resolve(to, actor.Id) == actor.Id ? "ITSM-APPROVAL-001"
                        : null,
                    m =>
                    {
                        _delegations.RemoveAll(d => d.From == actor!.Id);
                        _delegations.Add((actor!.Id, to));
                        return WithChain(m);
                    }, out entry);
            }

            case ServiceRequestSteps.Fulfil s:
                return Command(ServiceRequestCommand.Fulfil, s.Who, Args(s.Who, "actor").Blank(s.Notes, "notes"), null, m => m, out entry);

            case ServiceRequestSteps.Close s:
                return Command(ServiceRequestCommand.Close, s.Who, Args(s.Who, "actor"), null, m => m, out entry);

            case ServiceRequestSteps.Cancel s:
                return Command(ServiceRequestCommand.Cancel, s.Who, Args(s.Who, "actor").Blank(s.Reason, "reason"), null, m => m, out entry);

            case ServiceRequestSteps.SlaThreshold s:
            {
                var threshold = s.Threshold();
                var last = View.LastSlaThreshold;
                return Command(ServiceRequestCommand.SlaThreshold, s.Who, Args(s.Who, "actor").Check(s.Percent > 0, "threshold"),
                    () => last is { } l && (threshold.DueAt < l.DueAt || (threshold.DueAt == l.DueAt && threshold.ThresholdPercent <= l.Percent))
                        ? "ITSM-SLA-THRESHOLD-001" : null,
                    m => m with { LastSlaThreshold = (threshold.DueAt, threshold.ThresholdPercent) }, out entry);
            }

            case AssignStep s:
                return Command(ServiceRequestCommand.Assign, s.Who, AssignmentModel.Check(Args(s.Who, "actor"), s),
                    AssignmentModel.AssignRule(s, View.AssignmentGroup, View.AssignedTo, "ITSM-REQ-ASSIGN-001"),
                    m => m with { AssignmentGroup = s.Group, AssignedTo = s.Assignee }, out entry);

            case UnassignStep s:
                return Command(ServiceRequestCommand.Unassign, s.Who, Args(s.Who, "actor"),
                    AssignmentModel.UnassignRule(View.AssignmentGroup, View.AssignedTo, "ITSM-REQ-ASSIGN-002"),
                    m => m with { AssignmentGroup = null, AssignedTo = null }, out entry);

            case ChangeServiceStep s:
                return Command(ServiceRequestCommand.ChangeService, s.Who, Args(s.Who, "actor"), () => View.Fields!.ServiceUnchanged(s, "ITSM-REQ"), m => EditScope(m with { Fields = m.Fields!.After(s) }), out entry);

            case AddConfigurationItemStep s:
                return Command(ServiceRequestCommand.AddConfigurationItem, s.Who, Args(s.Who, "actor"), () => View.Fields!.NotAddable(s, "ITSM-REQ"), m => EditScope(m with { Fields = m.Fields!.After(s) }), out entry);

            case RemoveConfigurationItemStep s:
                return Command(ServiceRequestCommand.RemoveConfigurationItem, s.Who, Args(s.Who, "actor"), () => View.Fields!.NotNamed(s, "ITSM-REQ"), m => EditScope(m with { Fields = m.Fields!.After(s) }), out entry);

            case RecordSatisfactionStep s:
                return Command(ServiceRequestCommand.RecordSatisfaction, s.Who, SatisfactionModel.Args(Args(s.Who, "actor"), s),
                    () => View.Satisfaction is not null ? "ITSM-REQ-CSAT-001" : null,
                    m => m with { Satisfaction = SatisfactionModel.Text(s) }, out entry);

            case AssignToSupplierStep s:
                return Command(ServiceRequestCommand.AssignToSupplier, s.Who, Args(s.Who, "actor"), () => View.Fields!.SupplierUnchanged(s, "ITSM-REQ"), m => EditScope(m with { Fields = m.Fields!.After(s) }), out entry);

            case var s when JournalFields.Is(s):
                return Command(Enum.Parse<ServiceRequestCommand>(JournalFields.CommandName(s)), JournalFields.WhoOf(s), JournalFields.Check(s, Args(JournalFields.WhoOf(s), "actor")),
                    () => s is LogTimeStep t && View.Journal!.TimeWorked + t.Duration > Itsm.Journal.JournalLimits.MaxTimeWorked ? "ITSM-JOURNAL-001" : null,
                    m => m with { Journal = m.Journal!.After(s) }, out entry);

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who, string name) => new Arguments().Null(ServiceRequestWorld.Actor(who), name);

    // docs/approvals.md, "Voided on edit": the service, offering, configuration items and supplier are what the approvers
    // decide on, so an edit while awaiting approval voids the run's approvals and delegations and restarts at the first level.
    private ServiceRequestView EditScope(ServiceRequestView m)
    {
        if (m.State != ServiceRequestState.AwaitingApproval)
        {
            return m;
        }

        int voided = _runApprovals;
        var restarted = RestartChain(m);
        LastVoidedApprovals = voided;
        return restarted;
    }

    // A new run of the chain, timed from now: the first level waits with no approvals and no delegations.
    private ServiceRequestView RestartChain(ServiceRequestView m)
    {
        _level = 0;
        _runApprovals = 0;
        _approved.Clear();
        _delegations.Clear();
        return WithChain(m with { ChainStartedAt = _world.Clock.GetCurrentInstant() });
    }

    private ServiceRequestView WithChain(ServiceRequestView m) =>
        m with { Chain = m.State == ServiceRequestState.AwaitingApproval ? (_level, _approved.Count, _delegations.Count) : null };

    // Levels are open, so an approval counts for its giver (unless they approved this level) and for
    // everyone whose delegations end at them and who has yet to approve it.
    private List<string> DecidesFor(string actor)
    {
        var result = new List<string>();
        if (!_approved.Contains(actor))
        {
            result.Add(actor);
        }

        foreach (var (from, _) in _delegations)
        {
            if (from != actor && Resolve(from, null) == actor && !_approved.Contains(from) && !result.Contains(from))
            {
                result.Add(from);
            }
        }

        return result;
    }

    private string Resolve(string person, string? skipFrom) => DelegationModel.Resolve(_delegations, person, skipFrom);

    private Expected Command(ServiceRequestCommand command, Who who, Arguments arguments, Func<string?>? rule, Func<ServiceRequestView, ServiceRequestView> change, out ExpectedEntry? entry)
    {
        entry = null;
        LastCommand = command;
        LastVoidedApprovals = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(from, command) is not { } to)
        {
            var permitted = Enum.GetValues<ServiceRequestCommand>().Where(c => Next(from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(ServiceRequest.RecordType, from.ToString(), command.ToString(), permitted);
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = WithChain(change(View with { State = to, Version = View.Version + 1 }));
        entry = new ExpectedEntry(
            _world.Tenant, ServiceRequest.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            ServiceRequestWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A random service request and 20 to 60 random commands (most of them refused).</summary>
public sealed record ServiceRequestScenario(ServiceRequestSetup Setup, ModelStep[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().AppendLine(Setup.ToString());
        foreach (var step in Steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>FsCheck 3 arbitraries for the service request model test.</summary>
public static class ServiceRequestArbitraries
{
    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (3, from w in ModelGens.Who from two in Gen.Elements(false, true) select (ModelStep)new ServiceRequestSteps.RequestApproval(w, two)),
        (5, from w in ModelGens.Who from c in ModelGens.Text select (ModelStep)new ServiceRequestSteps.Approve(w, c)),
        (2, from w in ModelGens.Who from t in ModelGens.Who select (ModelStep)new ServiceRequestSteps.DelegateApproval(w, t)),
        (2, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new ServiceRequestSteps.Reject(w, r)),
        (3, from w in ModelGens.Who select (ModelStep)new ServiceRequestSteps.StartFulfilment(w)),
        (3, from w in ModelGens.Who from n in ModelGens.Text select (ModelStep)new ServiceRequestSteps.Fulfil(w, n)),
        (3, from w in ModelGens.Who select (ModelStep)new ServiceRequestSteps.Close(w)),
        (1, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new ServiceRequestSteps.Cancel(w, r)),
        (3, AssignmentModel.Step),
        (3, ServiceFields.Step),
        (3, JournalFields.Step),
        (2, SatisfactionModel.Step),
        (2, from w in ModelGens.Who from d in Gen.Choose(0, 3) from p in Gen.Elements(0, 50, 75, 100, 150) select (ModelStep)new ServiceRequestSteps.SlaThreshold(w, d, p)),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<ServiceRequestScenario> ScenarioGen { get; } =
        from approval in Gen.Elements(false, true)
        from priority in Gen.Elements<int?>(null, 1, 2, 3, 4, 5)
        from steps in ModelGens.Steps(Step)
        select new ServiceRequestScenario(new ServiceRequestSetup(approval, priority), steps);

    public static Arbitrary<ServiceRequestScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => s with { Steps = steps }));
}
