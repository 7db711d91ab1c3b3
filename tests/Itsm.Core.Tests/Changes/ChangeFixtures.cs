using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Common;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Changes;

/// <summary>Actors, a fake clock, windows and changes of each type in each state.</summary>
internal static class ChangeFixtures
{
    public const string PlanText = "Patch the mail relay, restart it, check the queue.";

    public static TenantId Tenant { get; } = new("acme");

    public static Actor Requester { get; } = new("requester.ross", "itil");

    /// <summary>The planned implementer named at opening.</summary>
    public static Actor Implementer { get; } = new("implementer.ives", "itil");

    public static Actor Coordinator { get; } = new("coordinator.cole", "change_coordinator");

    /// <summary>Approvers holding every default approval role.</summary>
    public static Actor Approver1 { get; } = new("approver.one", "peer", "group_manager", "change_manager", "cab", "ecab");

    public static Actor Approver2 { get; } = new("approver.two", "peer", "group_manager", "change_manager", "cab", "ecab");

    public static Actor Approver3 { get; } = new("approver.three", "peer", "group_manager", "change_manager", "cab", "ecab");

    public static Actor Peer { get; } = new("peer.parker", "peer");

    public static Actor ChangeManager { get; } = new("manager.mills", "change_manager");

    public static Actor Cab1 { get; } = new("cab.one", "cab");

    public static Actor Cab2 { get; } = new("cab.two", "cab");

    public static Actor Cab3 { get; } = new("cab.three", "cab");

    public static Actor Ecab1 { get; } = new("ecab.one", "ecab");

    public static Actor Ecab2 { get; } = new("ecab.two", "ecab");

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    /// <summary>Monday 22:00–23:00 UTC.</summary>
    public static Interval Window { get; } = new(Instant.FromUtc(2026, 11, 30, 22, 0), Instant.FromUtc(2026, 11, 30, 23, 0));

    /// <summary>Tuesday 22:00–23:00 UTC.</summary>
    public static Interval OtherWindow { get; } = new(Instant.FromUtc(2026, 12, 1, 22, 0), Instant.FromUtc(2026, 12, 1, 23, 0));

    public static IReadOnlyList<ChangeType> AllTypes { get; } = Enum.GetValues<ChangeType>();

    public static IReadOnlyList<ChangeState> AllStates { get; } = Enum.GetValues<ChangeState>();

    public static IReadOnlyList<ChangeCommand> AllCommands { get; } = Enum.GetValues<ChangeCommand>();

    /// <summary>The commands each state permits per type, as docs/lifecycles/README.md lists them (declaration order).</summary>
    public static IReadOnlyDictionary<(ChangeType, ChangeState), ChangeCommand[]> Permitted { get; } = BuildPermitted();

    /// <summary>The states each type can reach (the others permit nothing).</summary>
    public static IReadOnlyDictionary<ChangeType, ChangeState[]> Reachable { get; } = new Dictionary<ChangeType, ChangeState[]>
    {
        [ChangeType.Normal] = AllStates.ToArray(),
        [ChangeType.Standard] = AllStates.Except([ChangeState.Assess, ChangeState.Authorize]).ToArray(),
        [ChangeType.Emergency] = AllStates.Except([ChangeState.Assess]).ToArray(),
    };

    /// <summary>Where each permitted command leads from each state, by type (rejections return to New).</summary>
    public static ChangeState Target(ChangeType type, ChangeState from, ChangeCommand command) => command switch
    {
        ChangeCommand.Submit => ChangeState.Assess,
        ChangeCommand.RequestAuthorization => ChangeState.Authorize,
        ChangeCommand.Reject => ChangeState.New,
        ChangeCommand.Schedule => ChangeState.Scheduled,
        ChangeCommand.EditPlan or ChangeCommand.EditWindow when from == ChangeState.Scheduled =>
            type == ChangeType.Standard ? ChangeState.New : ChangeState.Authorize,
        ChangeCommand.StartImplementation => ChangeState.Implement,
        ChangeCommand.CompleteImplementation => ChangeState.Review,
        ChangeCommand.Close => ChangeState.Closed,
        ChangeCommand.Cancel => ChangeState.Canceled,
        _ => from,
    };

    public static FakeClock NewClock() => new(Monday0900);

    public static Change Open(
        FakeClock clock,
        ChangeType type = ChangeType.Normal,
        RejectionPolicy rejection = RejectionPolicy.ReturnToNew,
        ChangeAuthorityPolicy? authority = null,
        ServiceId? service = null) =>
        Change.Open(Tenant, ChangeId.New(), type, Requester, "Patch the mail relay", PlanText, service ?? new ServiceId("email"), [new ConfigurationItemId("ci:mail-relay-01")], clock,
            Implementer.Id, rejection, authority);

    /// <summary>
    /// A change of <paramref name="type"/> brought to <paramref name="state"/> by the usual commands,
    /// five minutes apart: a normal change's risk is assessed (Low) from Assess on, approvals are given
    /// only from Scheduled on (Approver1, and Approver2 for an emergency).
    /// </summary>
    public static Change InState(ChangeType type, ChangeState state, FakeClock clock, RejectionPolicy rejection = RejectionPolicy.ReturnToNew) =>
        Bring(Open(clock, type, rejection), state, clock, ready: false);

    /// <summary>As <see cref="InState"/>, but with a risk assessment in Assess and the approvals given in Authorize, so every permitted command's rules hold.</summary>
    public static Change Ready(ChangeType type, ChangeState state, FakeClock clock) => Bring(Open(clock, type), state, clock, ready: true);

    /// <summary>Issues <paramref name="command"/> with valid arguments (Approver3 approves and rejects).</summary>
    public static void Issue(Change change, ChangeCommand command)
    {
        switch (command)
        {
            case ChangeCommand.Submit: change.Submit(Requester); break;
            case ChangeCommand.AssessRisk: change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false); break;
            case ChangeCommand.RequestAuthorization: change.RequestAuthorization(Coordinator); break;
            case ChangeCommand.Approve: change.Approve(Approver3); break;
            case ChangeCommand.Reject: change.Reject(Approver3, "Back-out plan missing."); break;
            case ChangeCommand.Schedule: change.Schedule(Coordinator, Window, ChangeCalendar.Empty); break;
            case ChangeCommand.EditPlan: change.EditPlan(Coordinator, "A better plan."); break;
            case ChangeCommand.EditWindow: change.EditWindow(Coordinator, OtherWindow); break;
            case ChangeCommand.StartImplementation: change.StartImplementation(Implementer); break;
            case ChangeCommand.CompleteImplementation: change.CompleteImplementation(Implementer); break;
            case ChangeCommand.Close: change.Close(Coordinator, ChangeReviewOutcome.Successful); break;
            case ChangeCommand.Cancel: change.Cancel(Coordinator, "No longer needed."); break;
            case ChangeCommand.AddWorkNote: change.AddWorkNote(Implementer, "Backout plan rehearsed."); break;
            case ChangeCommand.AddComment: change.AddComment(Coordinator, "Users will be told the day before."); break;
            case ChangeCommand.LogTime: change.LogTime(Implementer, Duration.FromHours(1), "Rehearsal."); break;
            case ChangeCommand.TransitionWorkflow: change.TransitionWorkflow(Implementer, "peer-reviewed"); break;
            case ChangeCommand.ChangeService: change.ChangeService(Coordinator, new ServiceId("web"), new ServiceOfferingId("web-gold")); break;
            case ChangeCommand.AddConfigurationItem: change.AddConfigurationItem(Coordinator, new ConfigurationItemId("ci:mail-relay-02")); break;
            case ChangeCommand.RemoveConfigurationItem: change.RemoveConfigurationItem(Coordinator, new ConfigurationItemId("ci:mail-relay-01")); break;
            case ChangeCommand.AssignToSupplier: change.AssignToSupplier(Coordinator, new SupplierId("acme")); break;
            case ChangeCommand.Assign: change.Assign(Coordinator, new SupportGroupId("change-team")); break;
            case ChangeCommand.DelegateApproval: change.DelegateApproval(Approver3, "deputy.white"); break;
            case ChangeCommand.ApprovalOverdue: change.RecordApprovalOverdue(new Actor("system:sla-worker")); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>Whether <paramref name="command"/> edits the scope, which the rule fixes from Authorize on.</summary>
    public static bool IsScopeEdit(ChangeCommand command) => command is ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem
        or ChangeCommand.RemoveConfigurationItem or ChangeCommand.AssignToSupplier;

    /// <summary>Captures the change for <see cref="RecordProbe.AssertUnchanged"/>.</summary>
    public static RecordProbe Probe(this Change change) => RecordProbe.Of(
        Change.RecordType,
        change.Id.ToString(),
        change.Tenant,
        () => change.State.ToString(),
        () => change.Version,
        () => change.UncommittedAuditEntries,
        () => ChangeData.Of(change));

    public static void Step(FakeClock clock, Action action)
    {
        clock.Advance(Duration.FromMinutes(5));
        action();
    }

    private static Change Bring(Change change, ChangeState state, FakeClock clock, bool ready)
    {
        var type = change.Type;
        bool pastAuthorize = state is ChangeState.Scheduled or ChangeState.Implement or ChangeState.Review or ChangeState.Closed;
        if (type == ChangeType.Normal && state != ChangeState.New && state != ChangeState.Canceled)
        {
            Step(clock, () => change.Submit(Requester));
            if (ready || state != ChangeState.Assess)
            {
                Step(clock, () => change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false));
            }
        }

        if (type != ChangeType.Standard && (state == ChangeState.Authorize || pastAuthorize))
        {
            Step(clock, () => change.RequestAuthorization(Coordinator));

            if (ready || pastAuthorize)
            {
                Step(clock, () => change.Approve(Approver1));
                if (type == ChangeType.Emergency)
                {
                    Step(clock, () => change.Approve(Approver2));
                }
            }
        }

        if (pastAuthorize)
        {
            Step(clock, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty));
        }

        if (state is ChangeState.Implement or ChangeState.Review or ChangeState.Closed)
        {
            Step(clock, () => change.StartImplementation(Implementer));
        }

        if (state is ChangeState.Review or ChangeState.Closed)
        {
            Step(clock, () => change.CompleteImplementation(Implementer));
        }

        if (state is ChangeState.Closed)
        {
            Step(clock, () => change.Close(Coordinator, ChangeReviewOutcome.Successful));
        }

        if (state is ChangeState.Canceled)
        {
            Step(clock, () => change.Cancel(Coordinator, "Raised twice."));
        }

        Assert.Equal(state, change.State);
        clock.Advance(Duration.FromMinutes(5));
        return change;
    }

    private static Dictionary<(ChangeType, ChangeState), ChangeCommand[]> BuildPermitted()
    {
        const ChangeCommand Submit = ChangeCommand.Submit, AssessRisk = ChangeCommand.AssessRisk, RequestAuthorization = ChangeCommand.RequestAuthorization,
            Approve = ChangeCommand.Approve, Reject = ChangeCommand.Reject, Schedule = ChangeCommand.Schedule, EditPlan = ChangeCommand.EditPlan,
            EditWindow = ChangeCommand.EditWindow, StartImplementation = ChangeCommand.StartImplementation,
            CompleteImplementation = ChangeCommand.CompleteImplementation, Close = ChangeCommand.Close, Cancel = ChangeCommand.Cancel,
            DelegateApproval = ChangeCommand.DelegateApproval, ApprovalOverdue = ChangeCommand.ApprovalOverdue;
        var table = new Dictionary<(ChangeType, ChangeState), ChangeCommand[]>();
        foreach (var type in Enum.GetValues<ChangeType>())
        {
            table[(type, ChangeState.Scheduled)] = [EditPlan, EditWindow, StartImplementation, Cancel];
            table[(type, ChangeState.Implement)] = [CompleteImplementation, Cancel];
            table[(type, ChangeState.Review)] = [Close];
            table[(type, ChangeState.Closed)] = [];
            table[(type, ChangeState.Canceled)] = [];
        }

        table[(ChangeType.Normal, ChangeState.New)] = [Submit, EditPlan, EditWindow, Cancel];
        table[(ChangeType.Normal, ChangeState.Assess)] = [AssessRisk, RequestAuthorization, EditPlan, EditWindow, Cancel];
        table[(ChangeType.Normal, ChangeState.Authorize)] = [Approve, Reject, Schedule, EditPlan, EditWindow, Cancel, DelegateApproval, ApprovalOverdue];
        table[(ChangeType.Standard, ChangeState.New)] = [Schedule, EditPlan, EditWindow, Cancel];
        table[(ChangeType.Standard, ChangeState.Assess)] = [];
        table[(ChangeType.Standard, ChangeState.Authorize)] = [];
        table[(ChangeType.Emergency, ChangeState.New)] = [AssessRisk, RequestAuthorization, EditPlan, EditWindow, Cancel];
        table[(ChangeType.Emergency, ChangeState.Assess)] = [];
        table[(ChangeType.Emergency, ChangeState.Authorize)] = [AssessRisk, Approve, Reject, Schedule, EditPlan, EditWindow, Cancel, DelegateApproval, ApprovalOverdue];

        // The journal, the scope commands and the group are permitted in every active state; after authorisation the
        // scope rule refuses the scope edits (ITSM-CHG-SCOPE-001), not the state (docs/journal.md).
        foreach (var key in table.Keys.ToArray())
        {
            if (table[key].Length > 0)
            {
                // In the lifecycle's order (the commands' values), as PermittedCommands lists them.
                table[key] = [.. table[key].Concat([ChangeCommand.ChangeService, ChangeCommand.AddConfigurationItem, ChangeCommand.RemoveConfigurationItem, ChangeCommand.AssignToSupplier, ChangeCommand.Assign, ChangeCommand.AddWorkNote, ChangeCommand.AddComment, ChangeCommand.LogTime]).OrderBy(c => (int)c)];
            }
        }

        return table;
    }

    /// <summary>Everything a change holds besides its state, version and audit entries.</summary>
    private sealed record ChangeData(
        string Plan,
        Interval? Window,
        RiskAssessment? Risk,
        string Approvals,
        string? ImplementerId,
        ChangeReviewOutcome? Outcome,
        string Scope)
    {
        public static ChangeData Of(Change c) => new(
            c.Plan, c.Window, c.RiskAssessment, string.Join(",", c.Approvals.Select(a => a.ApproverId + "@" + a.At)), c.ImplementerId, c.Outcome,
            $"{c.Service}|{c.Offering}|{string.Join(",", c.ConfigurationItems)}|{c.Supplier}|{c.AssignmentGroup}");
    }
}
