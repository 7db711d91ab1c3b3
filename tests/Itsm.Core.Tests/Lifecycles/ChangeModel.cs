using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;
using NodaTime.Testing;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>Who issues a change command in the change model test.</summary>
public enum ChangeWho
{
    /// <summary>A null actor.</summary>
    Nobody,

    /// <summary>The requester, holding every approval role (segregation of duties must still refuse them).</summary>
    Requester,

    /// <summary>The planned implementer, holding every approval role.</summary>
    Implementer,

    /// <summary>A peer.</summary>
    Peer,

    /// <summary>The change manager.</summary>
    ChangeManager,

    /// <summary>CAB members (the second is also an ECAB member).</summary>
    Cab1,
    Cab2,
    Cab3,

    /// <summary>An ECAB member.</summary>
    Ecab1,
}

/// <summary>The steps of the change model test: one per command of <see cref="Change"/>.</summary>
public static class ChangeSteps
{
    public sealed record Submit(ChangeWho Who) : ModelStep
    {
        public override string ToString() => $"Submit({Who})";
    }

    /// <summary>Answer 0 is not an answer of the question (invalid); 1, 2, 3 score 0, 3, 6.</summary>
    public sealed record AssessRisk(ChangeWho Who, int Answer, bool CausesOutage) : ModelStep
    {
        public override string ToString() => $"AssessRisk({Who}, answer {Answer}, outage {CausesOutage})";
    }

    public sealed record RequestAuthorization(ChangeWho Who) : ModelStep
    {
        public override string ToString() => $"RequestAuthorization({Who})";
    }

    public sealed record Approve(ChangeWho Who) : ModelStep
    {
        public override string ToString() => $"Approve({Who})";
    }

    /// <summary><c>DelegateApproval(approver, delegate)</c>; <see cref="ChangeWho.Nobody"/> as the delegate stands for a blank id.</summary>
    public sealed record DelegateApproval(ChangeWho Who, ChangeWho To) : ModelStep
    {
        public string ToId => ChangeWorld.Actor(To)?.Id ?? " ";

        public override string ToString() => $"DelegateApproval({Who} -> {To})";
    }

    public sealed record Reject(ChangeWho Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Reject({Who}, {Q(Reason)})";
    }

    /// <summary>Window 0 is empty (invalid); 1 is free; 2 overlaps another change; 3 is in a blackout.</summary>
    public sealed record Schedule(ChangeWho Who, int Window) : ModelStep
    {
        public override string ToString() => $"Schedule({Who}, window {Window})";
    }

    public sealed record EditPlan(ChangeWho Who, string? Plan) : ModelStep
    {
        public override string ToString() => $"EditPlan({Who}, {Q(Plan)})";
    }

    public sealed record EditWindow(ChangeWho Who, int Window) : ModelStep
    {
        public override string ToString() => $"EditWindow({Who}, window {Window})";
    }

    public sealed record StartImplementation(ChangeWho Who) : ModelStep
    {
        public override string ToString() => $"StartImplementation({Who})";
    }

    public sealed record CompleteImplementation(ChangeWho Who) : ModelStep
    {
        public override string ToString() => $"CompleteImplementation({Who})";
    }

    /// <summary>Outcome 0 and 5 are undefined.</summary>
    public sealed record Close(ChangeWho Who, int Outcome) : ModelStep
    {
        public override string ToString() => $"Close({Who}, {Outcome})";
    }

    public sealed record Cancel(ChangeWho Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Cancel({Who}, {Q(Reason)})";
    }

    /// <summary><c>Assign(actor, group)</c>: null clears the group.</summary>
    public sealed record Assign(ChangeWho Who, string? Group) : ModelStep
    {
        public override string ToString() => $"Assign({Who}, {Q(Group)})";
    }
}

/// <summary>What the model test can observe of a change (and what the model predicts).</summary>
public sealed record ChangeView(
    ChangeState State,
    string Plan,
    Interval? Window,
    ChangeRisk? Risk,
    string Approvals,
    string? ImplementerId,
    ChangeReviewOutcome? Outcome,
    long Version,
    ServiceFields? Fields = null,
    string? Group = null,
    JournalFields? Journal = null)
{
    public static ChangeView Of(Change c) => new(
        c.State, c.Plan, c.Window, c.Risk, string.Join(",", c.Approvals.Select(a => a.ApproverId)), c.ImplementerId, c.Outcome, c.Version,
        ServiceFieldsOf.Read(c.Service, c.Offering, c.ConfigurationItems, c.Supplier), c.AssignmentGroup?.Value, JournalFields.Of(c.Journal));
}

/// <summary>The world a change model test runs in: actors, windows, the calendar and the risk policy.</summary>
public sealed class ChangeWorld
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public const string RequesterId = "rita";

    public const string ImplementerId = "ivan";

    public static readonly ChangeId OtherChange = new(new Guid("00000000-0000-0000-0000-0000000000c2"));

    public static readonly RiskPolicy Policy = new(
        [new RiskQuestion("impact", "How many users are affected?", new Dictionary<string, int> { ["none"] = 0, ["some"] = 3, ["all"] = 6 })],
        moderateFrom: 3,
        highFrom: 6,
        criticalServices: ["payments"]);

    public static readonly ChangeCalendar Calendar = new(
        [new ScheduledChange(OtherChange, ChangeType.Normal, WindowOf(2), ["email"], [])],
        [new BlackoutWindow("Freeze", WindowOf(3), [])]);

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public ChangeId Id { get; } = new(new Guid("00000000-0000-0000-0000-0000000000c1"));

    public static Interval WindowOf(int index) => index == 0
        ? new Interval(Instant.FromUtc(2026, 3, 2, 22, 0), Instant.FromUtc(2026, 3, 2, 22, 0))
        : new Interval(Instant.FromUtc(2026, 3, 1 + index, 22, 0), Instant.FromUtc(2026, 3, 1 + index, 23, 0));

    public static string? Answer(int index) => index switch
    {
        1 => "none",
        2 => "some",
        3 => "all",
        _ => "bogus",
    };

    /// <summary>The service and configuration item a model-test change opens with (the shared steps name both, so both can go).</summary>
    public const string OpeningService = "email", OpeningItem = "mx01";

    /// <summary>The actor of a shared service-field step: nobody, or a peer or the change manager.</summary>
    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Manager => Actor(ChangeWho.ChangeManager),
        _ => Actor(ChangeWho.Peer),
    };

    public static Actor? Actor(ChangeWho who) => who switch
    {
        ChangeWho.Nobody => null,
        ChangeWho.Requester => new Actor(RequesterId, "peer", "change_manager", "cab", "ecab"),
        ChangeWho.Implementer => new Actor(ImplementerId, "peer", "change_manager", "cab", "ecab"),
        ChangeWho.Peer => new Actor("pat", "peer"),
        ChangeWho.ChangeManager => new Actor("max", "change_manager"),
        ChangeWho.Cab1 => new Actor("cab1", "cab"),
        ChangeWho.Cab2 => new Actor("cab2", "cab", "ecab"),
        ChangeWho.Cab3 => new Actor("cab3", "cab"),
        ChangeWho.Ecab1 => new Actor("ecab1", "ecab"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>The change actor a shared step's <see cref="Who"/> stands for (journal steps are written for every ticket type).</summary>
    public static ChangeWho WhoOf(Who who) => who switch
    {
        Lifecycles.Who.Nobody => ChangeWho.Nobody,
        Lifecycles.Who.Caller => ChangeWho.Requester,
        Lifecycles.Who.CallerWithRole => ChangeWho.Peer,
        Lifecycles.Who.Agent => ChangeWho.Implementer,
        _ => ChangeWho.ChangeManager,
    };
}

/// <summary>
/// An independent model of the change lifecycle, written from docs/lifecycles/README.md: the table of
/// type x state x command -> next state, each command's rules in the documented order (arguments,
/// state, rules), the default change authority, segregation of duties, and approvals voided by edits
/// and rejections.
/// </summary>
public sealed class ChangeModel
{
    private readonly ChangeWorld _world;
    private readonly List<(string Id, IReadOnlyList<string> Roles)> _approvals = [];

    // docs/approvals.md: who handed their decision to whom (the delegator's roles as they delegated), and
    // the delegates who approved for someone (segregation of duties covers them).
    private readonly List<(string From, IReadOnlyList<string> Roles, string To)> _delegations = [];
    private readonly List<string> _delegatesWhoApproved = [];

    public ChangeModel(ChangeWorld world, ChangeType type, RejectionPolicy rejection)
    {
        _world = world;
        Type = type;
        Rejection = rejection;
        View = new ChangeView(ChangeState.New, "Initial plan.", null, null, "", ChangeWorld.ImplementerId, null, 1,
            new ServiceFields(ChangeWorld.OpeningService, null, [ChangeWorld.OpeningItem], null), null, JournalFields.None);
    }

    public ChangeType Type { get; }

    public RejectionPolicy Rejection { get; }

    public ChangeView View { get; private set; }

    public static bool IsTerminal(ChangeState state) => state is ChangeState.Closed or ChangeState.Canceled;

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it for the type.</summary>
    public static ChangeState? Next(ChangeType type, RejectionPolicy rejection, ChangeState state, ChangeCommand command)
    {
        const ChangeState n = ChangeState.New, a = ChangeState.Assess, z = ChangeState.Authorize, s = ChangeState.Scheduled, i = ChangeState.Implement, r = ChangeState.Review;
        var rejected = rejection == RejectionPolicy.Cancel ? ChangeState.Canceled : n;
        var editedBack = type == ChangeType.Standard ? n : z;
        bool reachable = type switch
        {
            ChangeType.Standard => state is not (a or z),
            ChangeType.Emergency => state is not a,
            _ => true,
        };
        if (!reachable)
        {
            return null;
        }

        return (type, state, command) switch
        {
            (ChangeType.Normal, n, ChangeCommand.Submit) => a,
            (ChangeType.Normal, a, ChangeCommand.AssessRisk) => a,
            (ChangeType.Emergency, n or z, ChangeCommand.AssessRisk) => state,
            (ChangeType.Normal, a, ChangeCommand.RequestAuthorization) => z,
            (ChangeType.Emergency, n, ChangeCommand.RequestAuthorization) => z,
            (_, z, ChangeCommand.Approve) => z,
            (_, z, ChangeCommand.DelegateApproval or ChangeCommand.ApprovalOverdue) => z,
            (_, z, ChangeCommand.Reject) => rejected,
            (ChangeType.Standard, n, ChangeCommand.Schedule) => s,
            (_, z, ChangeCommand.Schedule) => s,
            (_, n or a or z, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => state,
            (_, s, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => editedBack,
            (_, s, ChangeCommand.StartImplementation) => i,
            (_, i, ChangeCommand.CompleteImplementation) => r,
            (_, r, ChangeCommand.Close) => ChangeState.Closed,
            (_, n or a or z or s or i, ChangeCommand.Cancel) => ChangeState.Canceled,
            (_, n or a or z or s or i or r, ChangeCommand.AddWorkNote or ChangeCommand.AddComment or ChangeCommand.LogTime) => state,
            (_, n or a or z or s or i or r, ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem or ChangeCommand.RemoveConfigurationItem
                or ChangeCommand.AssignToSupplier or ChangeCommand.Assign) => state,
            _ => null,
        };
    }

    /// <summary>The default authority, written out: (quorum, roles).</summary>
    public static (int Quorum, string[] Roles) Authority(ChangeType type, ChangeRisk? risk) => type switch
    {
        ChangeType.Standard => (0, []),
        ChangeType.Emergency => (2, ["ecab"]),
        _ => risk switch
        {
            ChangeRisk.Low => (1, ["peer", "group_manager"]),
            ChangeRisk.Moderate => (1, ["change_manager"]),
            _ => (3, ["cab"]),
        },
    };

    /// <summary>Whether <paramref name="approvals"/> satisfy the authority a change of the type and risk needs.</summary>
    public static bool Satisfied(ChangeType type, ChangeRisk? risk, IEnumerable<(string Id, IReadOnlyList<string> Roles)> approvals)
    {
        var (quorum, roles) = Authority(type, risk);
        return approvals.Where(x => x.Roles.Any(roles.Contains)).Select(x => x.Id).Distinct().Count() >= quorum;
    }

    public bool Permits(ChangeCommand command) => Next(Type, Rejection, View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        switch (step)
        {
            case ChangeSteps.Submit s:
                return Command(ChangeCommand.Submit, s.Who, Args(s.Who), null, v => v, out entry);

            case ChangeSteps.AssessRisk s:
                return Command(ChangeCommand.AssessRisk, s.Who, Args(s.Who).Check(s.Answer is >= 1 and <= 3, "answers"), null, v =>
                {
                    var questionnaire = s.Answer switch { 3 => ChangeRisk.High, 2 => ChangeRisk.Moderate, _ => ChangeRisk.Low };
                    var conditions = s.CausesOutage ? ChangeRisk.Moderate : ChangeRisk.Low;
                    return v with { Risk = questionnaire > conditions ? questionnaire : conditions };
                }, out entry);

            case ChangeSteps.RequestAuthorization s:
                return Command(ChangeCommand.RequestAuthorization, s.Who, Args(s.Who),
                    () => Type == ChangeType.Normal && View.Risk is null ? "ITSM-CHG-AUTH-001" : null, v => v, out entry);

            case ChangeSteps.Approve s:
            {
                var actor = ChangeWorld.Actor(s.Who);
                return Command(ChangeCommand.Approve, s.Who, Args(s.Who, "approver"),
                    () => Segregation(actor!) ?? (DecidesFor(actor!).Count > 0 ? null : _approvals.Any(x => x.Id == actor!.Id) ? "ITSM-CHG-APPROVE-001" : "ITSM-CHG-APPROVE-002"),
                    v =>
                    {
                        foreach (var (id, roles) in DecidesFor(actor!))
                        {
                            _approvals.Add((id, roles));
                            if (id != actor!.Id)
                            {
                                _delegatesWhoApproved.Add(actor.Id);
                            }
                        }

                        return v with { Approvals = Approvals() };
                    }, out entry);
            }

            case ChangeSteps.Reject s:
            {
                var actor = ChangeWorld.Actor(s.Who);
                return Command(ChangeCommand.Reject, s.Who, Args(s.Who, "approver").Blank(s.Reason, "reason"),
                    () => Segregation(actor!) ?? (RoleRule(actor!) is null || _delegations.Any(d => d.From != actor!.Id && Resolve(d.From, null) == actor.Id && RoleRule(d.Roles) is null) ? null : "ITSM-CHG-APPROVE-002"),
                    v =>
                    {
                        Restart();
                        return v with { Approvals = "" };
                    }, out entry);
            }

            case ChangeSteps.DelegateApproval s:
            {
                var actor = ChangeWorld.Actor(s.Who);
                string to = s.ToId;
                return Command(ChangeCommand.DelegateApproval, s.Who, Args(s.Who, "approver").Blank(to, "delegateId"),
                    () => Segregation(actor!)
                        ?? (to == ChangeWorld.RequesterId || to == View.ImplementerId ? "ITSM-CHG-SOD-001" : null)
                        ?? (RoleRule(actor!) is not null || _approvals.Any(x => x.Id == actor!.Id) ? "ITSM-APPROVAL-002" : null)
                        ?? (to == actor!.Id || Resolve(to, actor.Id) == actor.Id ? "ITSM-APPROVAL-001" : null),
                    v =>
                    {
                        _delegations.RemoveAll(d => d.From == actor!.Id);
                        _delegations.Add((actor!.Id, actor.Roles, to));
                        return v;
                    }, out entry);
            }

            case ChangeSteps.Schedule s:
                return Command(ChangeCommand.Schedule, s.Who, Args(s.Who).Check(s.Window != 0, "window"),
                    () => !Satisfied(Type, View.Risk, _approvals) ? "ITSM-CHG-SCHEDULE-001"
                        : (s.Window == 2 && View.Fields!.Service == ChangeWorld.OpeningService) || (s.Window == 3 && Type != ChangeType.Emergency) ? "ITSM-CHG-SCHEDULE-002"
                        : null,
                    v => v with { Window = ChangeWorld.WindowOf(s.Window) }, out entry);

            case ChangeSteps.EditPlan s:
                return Command(ChangeCommand.EditPlan, s.Who, Args(s.Who).Blank(s.Plan, "plan"), null, v =>
                {
                    Restart();
                    return v with { Plan = s.Plan!, Approvals = "" };
                }, out entry);

            case ChangeSteps.EditWindow s:
                return Command(ChangeCommand.EditWindow, s.Who, Args(s.Who).Check(s.Window != 0, "window"), null, v =>
                {
                    Restart();
                    return v with { Window = ChangeWorld.WindowOf(s.Window), Approvals = "" };
                }, out entry);

            case ChangeSteps.StartImplementation s:
            {
                var actor = ChangeWorld.Actor(s.Who);
                return Command(ChangeCommand.StartImplementation, s.Who, Args(s.Who, "implementer"),
                    () => _approvals.Any(x => x.Id == actor!.Id) || _delegatesWhoApproved.Contains(actor!.Id) ? "ITSM-CHG-SOD-002" : null,
                    v => v with { ImplementerId = actor!.Id }, out entry);
            }

            case ChangeSteps.CompleteImplementation s:
                return Command(ChangeCommand.CompleteImplementation, s.Who, Args(s.Who), null, v => v, out entry);

            case ChangeSteps.Close s:
                return Command(ChangeCommand.Close, s.Who, Args(s.Who).Range(s.Outcome, 1, 4, "outcome"), null,
                    v => v with { Outcome = (ChangeReviewOutcome)s.Outcome }, out entry);

            case ChangeSteps.Cancel s:
                return Command(ChangeCommand.Cancel, s.Who, Args(s.Who).Blank(s.Reason, "reason"), null, v => v, out entry);

            case var j when JournalFields.Is(j):
            {
                var who = ChangeWorld.WhoOf(JournalFields.WhoOf(j));
                return Command(Enum.Parse<ChangeCommand>(JournalFields.CommandName(j)), who, JournalFields.Check(j, Args(who)),
                    () => j is LogTimeStep t && View.Journal!.TimeWorked + t.Duration > Itsm.Journal.JournalLimits.MaxTimeWorked ? "ITSM-JOURNAL-001" : null,
                    m => m with { Journal = m.Journal!.After(j) }, out entry);
            }
            case ChangeSteps.Assign s:
                return Command(ChangeCommand.Assign, s.Who, Args(s.Who), () => s.Group == View.Group ? "ITSM-CHG-ASSIGN-001" : null, v => v with { Group = s.Group }, out entry);

            // The scope: before authorisation only (ITSM-CHG-SCOPE-001), then the shared rules, then never to nothing (ITSM-CHG-SCOPE-002).
            case ChangeServiceStep s:
                return Command(ChangeCommand.ChangeService, ChangeWorld.Actor(s.Who), Args(s.Who),
                    () => Scope() ?? View.Fields!.ServiceUnchanged(s, "ITSM-CHG") ?? Touches(s.Service is not null, View.Fields!.Items.Count),
                    v => v with { Fields = v.Fields!.After(s) }, out entry);

            case AddConfigurationItemStep s:
                return Command(ChangeCommand.AddConfigurationItem, ChangeWorld.Actor(s.Who), Args(s.Who),
                    () => Scope() ?? View.Fields!.NotAddable(s, "ITSM-CHG"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            case RemoveConfigurationItemStep s:
                return Command(ChangeCommand.RemoveConfigurationItem, ChangeWorld.Actor(s.Who), Args(s.Who),
                    () => Scope() ?? View.Fields!.NotNamed(s, "ITSM-CHG") ?? Touches(View.Fields!.Service is not null, View.Fields!.Items.Count - 1),
                    v => v with { Fields = v.Fields!.After(s) }, out entry);

            case AssignToSupplierStep s:
                return Command(ChangeCommand.AssignToSupplier, ChangeWorld.Actor(s.Who), Args(s.Who),
                    () => Scope() ?? View.Fields!.SupplierUnchanged(s, "ITSM-CHG"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private string? Scope() => View.State is ChangeState.New or ChangeState.Assess ? null : "ITSM-CHG-SCOPE-001";

    private static string? Touches(bool service, int items) => service || items > 0 ? null : "ITSM-CHG-SCOPE-002";

    private static Arguments Args(ChangeWho who, string name = "actor") =>
        new Arguments().Null(ChangeWorld.Actor(who), name);

    private static Arguments Args(Who who) => new Arguments().Null(ChangeWorld.Actor(who), "actor");

    private string? Segregation(Actor approver) =>
        approver.Id == ChangeWorld.RequesterId || approver.Id == View.ImplementerId ? "ITSM-CHG-SOD-001" : null;

    private string? RoleRule(Actor approver) => RoleRule(approver.Roles);

    private string? RoleRule(IReadOnlyList<string> roles) =>
        roles.Any(Authority(Type, View.Risk).Roles.Contains) ? null : "ITSM-CHG-APPROVE-002";

    // Whom an approval by the actor counts for: themselves when they hold a role and have not approved,
    // and every approver not yet approved whose delegations end at them.
    private List<(string Id, IReadOnlyList<string> Roles)> DecidesFor(Actor actor)
    {
        var result = new List<(string Id, IReadOnlyList<string> Roles)>();
        if (RoleRule(actor) is null && !_approvals.Any(x => x.Id == actor.Id))
        {
            result.Add((actor.Id, actor.Roles));
        }

        foreach (var d in _delegations)
        {
            if (d.From != actor.Id && Resolve(d.From, null) == actor.Id && RoleRule(d.Roles) is null && !_approvals.Any(x => x.Id == d.From) && !result.Any(x => x.Id == d.From))
            {
                result.Add((d.From, d.Roles));
            }
        }

        return result;
    }

    private string Resolve(string person, string? skipFrom) => DelegationModel.Resolve(_delegations.Select(d => (d.From, d.To)).ToList(), person, skipFrom);

    private void Restart()
    {
        _approvals.Clear();
        _delegations.Clear();
        _delegatesWhoApproved.Clear();
    }

    private string Approvals() => string.Join(",", _approvals.Select(x => x.Id));

    private Expected Command(ChangeCommand command, ChangeWho who, Arguments arguments, Func<string?>? rule, Func<ChangeView, ChangeView> change, out ExpectedEntry? entry) =>
        Command(command, ChangeWorld.Actor(who), arguments, rule, change, out entry);

    private Expected Command(ChangeCommand command, Actor? actor, Arguments arguments, Func<string?>? rule, Func<ChangeView, ChangeView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(Type, Rejection, from, command) is not { } to)
        {
            var permitted = Enum.GetValues<ChangeCommand>().Where(c => Next(Type, Rejection, from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(Change.RecordType, from.ToString(), command.ToString(), permitted);
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, Change.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            actor!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A new change of a type and rejection policy, and 20 to 60 random commands (most of them refused).</summary>
public sealed record ChangeScenario(ChangeType Type, RejectionPolicy Rejection, ModelStep[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().Append("Change.Open(").Append(Type).Append(", ").Append(Rejection).AppendLine(")");
        foreach (var step in Steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>FsCheck 3 arbitraries for the change model test.</summary>
public static class ChangeArbitraries
{
    // Approvers: mostly people who may approve some change, sometimes the requester, the implementer or nobody.
    private static readonly Gen<ChangeWho> Who = Gen.Frequency(
        (1, Gen.Elements(ChangeWho.Nobody, ChangeWho.Requester, ChangeWho.Implementer)),
        (6, Gen.Elements(ChangeWho.Peer, ChangeWho.ChangeManager, ChangeWho.Cab1, ChangeWho.Cab2, ChangeWho.Cab3, ChangeWho.Ecab1)));

    private static readonly Gen<ChangeWho> Worker = Gen.Frequency(
        (1, Gen.Constant(ChangeWho.Nobody)),
        (6, Gen.Elements(ChangeWho.Implementer, ChangeWho.Requester, ChangeWho.Peer, ChangeWho.Cab1)));

    private static readonly Gen<int> WindowIndex = Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3)));

    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (3, from w in Worker select (ModelStep)new ChangeSteps.Submit(w)),
        (4, from w in Worker from a in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3))) from o in Gen.Elements(true, false) select (ModelStep)new ChangeSteps.AssessRisk(w, a, o)),
        (4, from w in Worker select (ModelStep)new ChangeSteps.RequestAuthorization(w)),
        (8, from w in Who select (ModelStep)new ChangeSteps.Approve(w)),
        (1, from w in Who from r in ModelGens.Text select (ModelStep)new ChangeSteps.Reject(w, r)),
        (1, from w in Who from t in Who select (ModelStep)new ChangeSteps.DelegateApproval(w, t)),
        (5, from w in Worker from i in WindowIndex select (ModelStep)new ChangeSteps.Schedule(w, i)),
        (1, from w in Worker from p in ModelGens.Text select (ModelStep)new ChangeSteps.EditPlan(w, p)),
        (1, from w in Worker from i in WindowIndex select (ModelStep)new ChangeSteps.EditWindow(w, i)),
        (4, from w in Gen.Frequency((4, Gen.Constant(ChangeWho.Implementer)), (1, Who)) select (ModelStep)new ChangeSteps.StartImplementation(w)),
        (3, from w in Worker select (ModelStep)new ChangeSteps.CompleteImplementation(w)),
        (2, from w in Worker from o in Gen.Frequency((1, Gen.Elements(0, 5)), (6, Gen.Choose(1, 4))) select (ModelStep)new ChangeSteps.Close(w, o)),
        (1, from w in Worker from r in ModelGens.Text select (ModelStep)new ChangeSteps.Cancel(w, r)),
        (1, JournalFields.Step),
        (1, ServiceFields.Step),
        (1, from w in Worker from g in Gen.Elements<string?>(null, "change-team", "network") select (ModelStep)new ChangeSteps.Assign(w, g)),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<ChangeScenario> ScenarioGen { get; } =
        from type in Gen.Elements(Enum.GetValues<ChangeType>())
        from rejection in Gen.Elements(Enum.GetValues<RejectionPolicy>())
        from steps in ModelGens.Steps(Step)
        select new ChangeScenario(type, rejection, steps);

    public static Arbitrary<ChangeScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => new ChangeScenario(s.Type, s.Rejection, steps)));
}
