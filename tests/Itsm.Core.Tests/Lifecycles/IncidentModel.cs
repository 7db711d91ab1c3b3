using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the incident model test: one per command of <see cref="Incident"/>, with raw (often invalid) arguments.</summary>
public static class IncidentSteps
{
    public sealed record Assign(Who Who, string? Group, string? Assignee) : ModelStep
    {
        public override string ToString() => $"Assign({Who}, {Q(Group)}, {Q(Assignee)})";
    }

    public sealed record Unassign(Who Who) : ModelStep
    {
        public override string ToString() => $"Unassign({Who})";
    }

    public sealed record StartWork(Who Who) : ModelStep
    {
        public override string ToString() => $"StartWork({Who})";
    }

    public sealed record ChangeHoldReason(Who Who, int Reason, string? Comment) : ModelStep
    {
        public override string ToString() => $"ChangeHoldReason({Who}, {(OnHoldReason)Reason}, {Q(Comment)})";
    }

    public sealed record PutOnHold(Who Who, int Reason, string? Comment) : ModelStep
    {
        public override string ToString() => $"PutOnHold({Who}, {(OnHoldReason)Reason}, {Q(Comment)})";
    }

    public sealed record Resume(Who Who) : ModelStep
    {
        public override string ToString() => $"Resume({Who})";
    }

    public sealed record RecordCallerResponse(Who Who, string? Comment) : ModelStep
    {
        public override string ToString() => $"RecordCallerResponse({Who}, {Q(Comment)})";
    }

    public sealed record Resolve(Who Who, int Code, string? Notes) : ModelStep
    {
        public override string ToString() => $"Resolve({Who}, {(IncidentResolutionCode)Code}, {Q(Notes)})";
    }

    public sealed record Reopen(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Reopen({Who}, {Q(Reason)})";
    }

    public sealed record Close(Who Who) : ModelStep
    {
        public override string ToString() => $"Close({Who})";
    }

    public sealed record Cancel(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Cancel({Who}, {Q(Reason)})";
    }

    public sealed record ChangeImpactOrUrgency(Who Who, int Impact, int Urgency) : ModelStep
    {
        public override string ToString() => $"ChangeImpactOrUrgency({Who}, {Impact}, {Urgency})";
    }

    public sealed record EscalateFunctionally(Who Who, string? ToGroup, string? Reason) : ModelStep
    {
        public override string ToString() => $"EscalateFunctionally({Who}, {Q(ToGroup)}, {Q(Reason)})";
    }

    public sealed record EscalateHierarchically(Who Who, string? Manager, string? Reason) : ModelStep
    {
        public override string ToString() => $"EscalateHierarchically({Who}, {Q(Manager)}, {Q(Reason)})";
    }

    public sealed record PromoteToMajor(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"PromoteToMajor({Who}, {Q(Reason)})";
    }

    public sealed record DemoteFromMajor(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"DemoteFromMajor({Who}, {Q(Reason)})";
    }

    public sealed record AttachToParent(Who Who, ParentPick Parent) : ModelStep
    {
        public override string ToString() => $"AttachToParent({Who}, {Parent})";
    }

    public sealed record RecordPostIncidentReview(Who Who, string? Summary) : ModelStep
    {
        public override string ToString() => $"RecordPostIncidentReview({Who}, {Q(Summary)})";
    }

    public sealed record LinkCausedByChange(Who Who, string? ChangeId) : ModelStep
    {
        public override string ToString() => $"LinkCausedByChange({Who}, {Q(ChangeId)})";
    }

    public sealed record LinkProblem(Who Who, string? ProblemId) : ModelStep
    {
        public override string ToString() => $"LinkProblem({Who}, {Q(ProblemId)})";
    }

    /// <summary>
    /// <c>RecordSlaThreshold(actor, threshold)</c>: a threshold of one agreement's resolution target, due
    /// <paramref name="DueSeconds"/> after the world's start, at <paramref name="Percent"/> % (0 is invalid).
    /// </summary>
    public sealed record SlaThreshold(Who Who, int DueSeconds, int Percent) : ModelStep
    {
        public override string ToString() => $"RecordSlaThreshold({Who}, {Percent}% due start+{DueSeconds}s)";

        public Itsm.Sla.SlaThresholdReached Threshold() => new(
            "sla", Itsm.Sla.SlaMetric.Resolution, Percent, Percent <= 0 ? Itsm.Sla.SlaThresholdKind.Warning : Itsm.Sla.SlaThresholdReached.KindOf(Percent),
            IncidentWorld.Start + Duration.FromSeconds(DueSeconds));
    }

    /// <summary>Moves the clock to the end of the reopen window (plus <paramref name="OffsetNanoseconds"/>), if that is ahead.</summary>
    public sealed record AdvanceToReopenDeadline(long OffsetNanoseconds) : ModelStep
    {
        public override string ToString() => $"clock = resolvedAt + reopen window {OffsetNanoseconds:+0;-0;+0} ns";
    }

    /// <summary><c>MajorIncidentResolution.ResolveAwaitingProblem([incident], problemId, actor, notes)</c>.</summary>
    public sealed record ResolveAwaitingProblem(Who Who, string? ProblemId, string? Notes) : ModelStep
    {
        public override string ToString() => $"MajorIncidentResolution.ResolveAwaitingProblem([incident], {Q(ProblemId)}, {Who}, {Q(Notes)})";
    }

    /// <summary><c>MajorIncidentResolution.ResolveWithChildren(incident, [], actor, code, notes)</c>: the incident as the parent.</summary>
    public sealed record ResolveAsParent(Who Who, int Code, string? Notes) : ModelStep
    {
        public override string ToString() => $"MajorIncidentResolution.ResolveWithChildren(incident, [], {Who}, {(IncidentResolutionCode)Code}, {Q(Notes)})";
    }

    /// <summary><c>MajorIncidentResolution.ResolveWithChildren(majorParent, [incident], actor, code, notes)</c>: the incident as a child.</summary>
    public sealed record ResolveAsChild(Who Who, int Code, string? Notes) : ModelStep
    {
        public override string ToString() => $"MajorIncidentResolution.ResolveWithChildren(majorParent, [incident], {Who}, {(IncidentResolutionCode)Code}, {Q(Notes)})";
    }
}

/// <summary>The incident <see cref="IncidentSteps.AttachToParent"/> names.</summary>
public enum ParentPick
{
    /// <summary>null.</summary>
    Nobody,

    /// <summary>The incident itself.</summary>
    Itself,

    /// <summary>A major incident of the same tenant: the only valid parent.</summary>
    MajorSameTenant,

    /// <summary>An ordinary incident of the same tenant.</summary>
    OrdinarySameTenant,

    /// <summary>A major incident of another tenant.</summary>
    MajorOtherTenant,
}

/// <summary>How the reopen window of an <see cref="IncidentSetup"/> counts.</summary>
public enum ReopenWindowKind
{
    /// <summary>Wall-clock hours.</summary>
    WallClock,

    /// <summary>Business hours on <see cref="IncidentSetup.OfficeHours"/>.</summary>
    BusinessTime,

    /// <summary>No limit.</summary>
    None,
}

/// <summary>How the incident under test is opened, and under which policies.</summary>
/// <param name="Impact">The impact.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="ReopenWindowHours">The reopen window's hours; with everything else default too, the default options (7 days).</param>
/// <param name="Matrix">A custom priority matrix (nine priorities, impact-major), or null for the default.</param>
/// <param name="WorkStart">The work-start policy.</param>
/// <param name="Reopeners">Who may reopen by identity.</param>
/// <param name="ManagersReopen">Whether holders of the role "manager" may reopen too.</param>
/// <param name="Window">How the reopen window counts.</param>
/// <param name="FromClosed">Whether closed incidents may be reopened.</param>
public sealed record IncidentSetup(
    Impact Impact,
    Urgency Urgency,
    int? ReopenWindowHours,
    int[]? Matrix,
    IncidentWorkStart WorkStart = IncidentWorkStart.OnAssignment,
    IncidentReopeners Reopeners = IncidentReopeners.Caller,
    bool ManagersReopen = false,
    ReopenWindowKind Window = ReopenWindowKind.WallClock,
    bool FromClosed = false)
{
    /// <summary>Monday to Friday, 9 to 5, UTC: the calendar business-time windows count on.</summary>
    public static readonly BusinessCalendar OfficeHours =
        BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();

    private bool IsDefault => ReopenWindowHours is null && Matrix is null && WorkStart == IncidentWorkStart.OnAssignment
        && Reopeners == IncidentReopeners.Caller && !ManagersReopen && Window == ReopenWindowKind.WallClock && !FromClosed;

    public IncidentReopenWindow ReopenWindow() => Window switch
    {
        ReopenWindowKind.None => IncidentReopenWindow.None,
        ReopenWindowKind.BusinessTime => IncidentReopenWindow.BusinessTime(Duration.FromHours(ReopenWindowHours ?? 7 * 24), OfficeHours),
        _ => IncidentReopenWindow.WallClock(Duration.FromHours(ReopenWindowHours ?? 7 * 24)),
    };

    public IncidentOptions? Options() => IsDefault
        ? null
        : new IncidentOptions
        {
            PriorityMatrix = Matrix is null ? PriorityMatrix.Default : CustomMatrix(Matrix),
            WorkStart = WorkStart,
            Reopen = new IncidentReopenPolicy
            {
                Reopeners = Reopeners,
                Roles = ManagersReopen ? ["manager"] : [],
                Window = ReopenWindow(),
                FromClosed = FromClosed,
            },
        };

    public override string ToString() =>
        $"Incident.Open(impact {(int)Impact}, urgency {(int)Urgency}, reopen window {(ReopenWindowHours is null ? "default" : ReopenWindowHours + " h")} {Window}, "
        + $"matrix {(Matrix is null ? "default" : "[" + string.Join(",", Matrix) + "]")}, work start {WorkStart}, reopen by {Reopeners}{(ManagersReopen ? "+managers" : string.Empty)}{(FromClosed ? ", closed too" : string.Empty)})";

    private static PriorityMatrix CustomMatrix(int[] cells)
    {
        var dictionary = new Dictionary<(Impact, Urgency), Priority>();
        for (int i = 0; i < 3; i++)
        {
            for (int u = 0; u < 3; u++)
            {
                dictionary[((Impact)(i + 1), (Urgency)(u + 1))] = new Priority(cells[(i * 3) + u]);
            }
        }

        return new PriorityMatrix(dictionary);
    }
}

/// <summary>What the model test can observe of an incident (and what the model predicts).</summary>
public sealed record IncidentView(
    IncidentState State,
    OnHoldReason? OnHoldReason,
    Impact Impact,
    Urgency Urgency,
    int Priority,
    string? AssignmentGroup,
    string? AssignedTo,
    int EscalationLevel,
    bool IsMajor,
    IncidentId? ParentId,
    bool HasPostIncidentReview,
    string? CausedByChange,
    string? RelatedProblem,
    IncidentResolutionCode? ResolutionCode,
    string? ResolutionNotes,
    Instant? ResolvedAt,
    long Version,
    (Instant DueAt, double Percent)? LastSlaThreshold = null,
    ServiceFields? Fields = null,
    string KnowledgeArticles = "",
    string? Satisfaction = null,
    Instant? SurveyedResolution = null,
    JournalFields? Journal = null)
{
    public static IncidentView Of(Incident incident) => new(
        incident.State,
        incident.OnHoldReason,
        incident.Impact,
        incident.Urgency,
        incident.Priority.Value,
        incident.AssignmentGroup?.Value,
        incident.AssignedTo,
        incident.EscalationLevel,
        incident.IsMajor,
        incident.ParentId,
        incident.HasPostIncidentReview,
        incident.CausedByChange,
        incident.RelatedProblem,
        incident.ResolutionCode,
        incident.ResolutionNotes,
        incident.ResolvedAt,
        incident.Version,
        incident.LastSlaThreshold is { } t ? (t.DueAt, t.ThresholdPercent) : null,
        ServiceFieldsOf.Read(incident.Service, incident.Offering, incident.ConfigurationItems, incident.Supplier),
        KnowledgeLinksModel.Of(incident.KnowledgeArticles),
        SatisfactionModel.Of(incident.Satisfaction),
        incident.SatisfactionResolution,
        JournalFields.Of(incident.Journal));
}

/// <summary>The world an incident model test runs in: a fake clock, the actors and the candidate parents.</summary>
public sealed class IncidentWorld
{
    public const string CallerId = "alice";

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public IncidentWorld()
    {
        Clock = new FakeClock(Start);
        var agent = Actor(Who.Agent)!;
        MajorParent = Incident.Open(Tenant, new IncidentId(new Guid("00000000-0000-0000-0000-00000000000a")), agent, "zoe", "Data centre power loss", Impact.High, Urgency.High, Clock);
        MajorParent.PromoteToMajor(agent, "many callers");
        OrdinaryParent = Incident.Open(Tenant, new IncidentId(new Guid("00000000-0000-0000-0000-00000000000b")), agent, "zoe", "Printer jam", Impact.Low, Urgency.Low, Clock);
        ForeignMajorParent = Incident.Open(new TenantId("globex"), new IncidentId(new Guid("00000000-0000-0000-0000-00000000000c")), agent, "zoe", "Outage elsewhere", Impact.High, Urgency.High, Clock);
        ForeignMajorParent.PromoteToMajor(agent, "many callers");
    }

    public FakeClock Clock { get; }

    public TenantId Tenant { get; } = new("acme");

    public IncidentId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000001"));

    public Incident MajorParent { get; }

    public Incident OrdinaryParent { get; }

    public Incident ForeignMajorParent { get; }

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor(CallerId),
        Who.CallerWithRole => new Actor(CallerId, "itil"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "itil", "manager"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public Incident? Parent(ParentPick pick, Incident self) => pick switch
    {
        ParentPick.Nobody => null,
        ParentPick.Itself => self,
        ParentPick.MajorSameTenant => MajorParent,
        ParentPick.OrdinarySameTenant => OrdinaryParent,
        ParentPick.MajorOtherTenant => ForeignMajorParent,
        _ => throw new ArgumentOutOfRangeException(nameof(pick)),
    };
}

/// <summary>
/// An independent model of the incident lifecycle, written from docs/lifecycles/README.md: the
/// table of state x command -> next state, and each command's argument checks and rules, applied in
/// the documented order (arguments, then the state, then the rules).
/// </summary>
public sealed class IncidentModel
{
    // ServiceNow's default 3x3 matrix, written out here: rows impact 1-3, columns urgency 1-3.
    private static readonly int[,] ServiceNowMatrix = { { 1, 2, 3 }, { 2, 3, 4 }, { 3, 4, 4 } };

    private readonly IncidentSetup _setup;
    private readonly IncidentWorld _world;

    // Whether the Assign being predicted names an agent (the work-start policy's dynamic transition).
    private bool _namesAgent;

    public IncidentModel(IncidentSetup setup, IncidentWorld world)
    {
        _setup = setup;
        _world = world;
        View = new IncidentView(
            IncidentState.New, null, setup.Impact, setup.Urgency, PriorityFor(setup.Impact, setup.Urgency),
            null, null, 0, false, null, false, null, null, null, null, null, 1, Fields: ServiceFields.None, Journal: JournalFields.None);
    }

    public IncidentView View { get; private set; }

    public IncidentSetup Setup => _setup;

    /// <summary>When the reopen window of an incident resolved at <paramref name="resolved"/> ends, or null when it has no end.</summary>
    public Instant? ReopenDeadline(Instant resolved) => _setup.Window switch
    {
        ReopenWindowKind.None => null,
        ReopenWindowKind.BusinessTime => IncidentSetup.OfficeHours.Add(resolved, Duration.FromHours(_setup.ReopenWindowHours ?? 7 * 24)),
        _ => resolved + Duration.FromHours(_setup.ReopenWindowHours ?? 7 * 24),
    };

    // Written from the policy's documentation: the window includes its end; business time counts working time only.
    private bool WindowPassed(Instant resolved, Instant now) => _setup.Window switch
    {
        ReopenWindowKind.None => false,
        ReopenWindowKind.BusinessTime => now > resolved && IncidentSetup.OfficeHours.Between(resolved, now) > Duration.FromHours(_setup.ReopenWindowHours ?? 7 * 24),
        _ => now - resolved > Duration.FromHours(_setup.ReopenWindowHours ?? 7 * 24),
    };

    private bool MayReopen(Actor actor) =>
        _setup.Reopeners.HasFlag(IncidentReopeners.Anyone)
        || (_setup.Reopeners.HasFlag(IncidentReopeners.Caller) && actor.Id == IncidentWorld.CallerId)
        || (_setup.Reopeners.HasFlag(IncidentReopeners.Assignee) && actor.Id == View.AssignedTo)
        || (_setup.ManagersReopen && actor.Roles.Contains("manager"));

    /// <summary>Whether the world's major parent has been resolved (by <see cref="IncidentSteps.ResolveAsChild"/>).</summary>
    public bool ParentResolved { get; private set; }

    /// <summary>Whether <paramref name="state"/> permits nothing under this model's policies (Closed permits Reopen when closed incidents reopen).</summary>
    public bool IsFinal(IncidentState state) => state == IncidentState.Canceled || (state == IncidentState.Closed && !_setup.FromClosed);

    /// <summary>
    /// The lifecycle table from docs/lifecycles/README.md: the state a command leads to from
    /// <paramref name="state"/>, or null when the state does not permit it.
    /// </summary>
    public static IncidentState? Next(IncidentState state, IncidentCommand command, OnHoldReason? onHoldReason, IncidentSetup? setup = null, bool namesAgent = false)
    {
        bool open = state is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold;
        var workStart = setup?.WorkStart ?? IncidentWorkStart.OnAssignment;
        return command switch
        {
            IncidentCommand.Assign => state switch
            {
                IncidentState.New => workStart == IncidentWorkStart.OnAssignment || (workStart == IncidentWorkStart.OnAgentAssignment && namesAgent)
                    ? IncidentState.InProgress : IncidentState.New,
                IncidentState.InProgress or IncidentState.OnHold or IncidentState.Resolved => state,
                _ => null,
            },
            IncidentCommand.Unassign => open || state == IncidentState.Resolved ? state : null,
            IncidentCommand.StartWork => state == IncidentState.New ? IncidentState.InProgress : null,
            IncidentCommand.ChangeHoldReason => state == IncidentState.OnHold ? state : null,
            IncidentCommand.PutOnHold => state is IncidentState.New or IncidentState.InProgress ? IncidentState.OnHold : null,
            IncidentCommand.Resume => state == IncidentState.OnHold ? IncidentState.InProgress : null,
            IncidentCommand.RecordCallerResponse => state switch
            {
                IncidentState.OnHold => onHoldReason == OnHoldReason.AwaitingCaller ? IncidentState.InProgress : IncidentState.OnHold,
                IncidentState.New or IncidentState.InProgress => state,
                _ => null,
            },
            IncidentCommand.Resolve => open ? IncidentState.Resolved : null,
            IncidentCommand.Reopen => state == IncidentState.Resolved || (state == IncidentState.Closed && setup?.FromClosed == true) ? IncidentState.InProgress : null,
            IncidentCommand.Close => state == IncidentState.Resolved ? IncidentState.Closed : null,
            IncidentCommand.Cancel => open ? IncidentState.Canceled : null,
            IncidentCommand.EscalateFunctionally or IncidentCommand.EscalateHierarchically
                or IncidentCommand.PromoteToMajor or IncidentCommand.DemoteFromMajor or IncidentCommand.AttachToParent => open ? state : null,
            IncidentCommand.ChangeImpactOrUrgency or IncidentCommand.RecordPostIncidentReview or IncidentCommand.LinkCausedByChange or IncidentCommand.LinkProblem or IncidentCommand.SlaThreshold
                or IncidentCommand.ChangeService or IncidentCommand.AddConfigurationItem or IncidentCommand.RemoveConfigurationItem =>
                open || state == IncidentState.Resolved ? state : null,
            IncidentCommand.AssignToSupplier => open ? state : null,
            IncidentCommand.AddWorkNote or IncidentCommand.AddComment or IncidentCommand.LogTime => open || state == IncidentState.Resolved ? state : null,
            IncidentCommand.LinkKnowledgeArticle => open || state == IncidentState.Resolved ? state : null,
            IncidentCommand.RecordSatisfaction => state is IncidentState.Resolved or IncidentState.Closed ? state : null,
            _ => null,
        };
    }

    public IReadOnlyList<string> PermittedNames(IncidentState state, OnHoldReason? onHoldReason) =>
        Enum.GetValues<IncidentCommand>().Where(c => Next(state, c, onHoldReason, _setup) is not null).Select(c => c.ToString()).ToArray();

    public bool Permits(IncidentCommand command) => Next(View.State, command, View.OnHoldReason, _setup) is not null;

    public int PriorityFor(Impact impact, Urgency urgency) =>
        _setup.Matrix is { } cells ? cells[(((int)impact - 1) * 3) + (int)urgency - 1] : ServiceNowMatrix[(int)impact - 1, (int)urgency - 1];

    /// <summary>Predicts a command step and, when it is accepted, applies it to the model.</summary>
    /// <param name="step">A command step.</param>
    /// <param name="entry">The audit entry an accepted command appends, else null.</param>
    /// <returns>What the incident must do.</returns>
    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        var v = View;
        var now = _world.Clock.GetCurrentInstant();
        switch (step)
        {
            case IncidentSteps.Assign s:
            {
                var args = Args(s.Who).Check(s.Group is not null || s.Assignee is not null, "group");
                if (s.Group is not null)
                {
                    args = args.Blank(s.Group, "group");
                }

                if (s.Assignee is not null)
                {
                    args = args.Blank(s.Assignee, "assignee");
                }

                _namesAgent = s.Assignee is not null;
                return Command(IncidentCommand.Assign, s.Who, args,
                    () => s.Group == v.AssignmentGroup && s.Assignee == v.AssignedTo ? "ITSM-INC-ASSIGN-001" : null,
                    m => m with { AssignmentGroup = s.Group, AssignedTo = s.Assignee }, out entry);
            }

            case IncidentSteps.Unassign s:
                return Command(IncidentCommand.Unassign, s.Who, Args(s.Who),
                    () => v.AssignmentGroup is null && v.AssignedTo is null ? "ITSM-INC-ASSIGN-002" : null,
                    m => m with { AssignmentGroup = null, AssignedTo = null }, out entry);

            case IncidentSteps.StartWork s:
                return Command(IncidentCommand.StartWork, s.Who, Args(s.Who), null, m => m, out entry);

            case IncidentSteps.ChangeHoldReason s:
                return Command(IncidentCommand.ChangeHoldReason, s.Who, Args(s.Who).Range(s.Reason, 1, 4, "reason"),
                    () => (OnHoldReason)s.Reason == v.OnHoldReason ? "ITSM-INC-HOLD-002"
                        : (OnHoldReason)s.Reason == OnHoldReason.AwaitingCaller && string.IsNullOrWhiteSpace(s.Comment) ? "ITSM-INC-HOLD-001"
                        : null,
                    m => m with { OnHoldReason = (OnHoldReason)s.Reason }, out entry);

            case IncidentSteps.PutOnHold s:
                return Command(IncidentCommand.PutOnHold, s.Who, Args(s.Who).Range(s.Reason, 1, 4, "reason"),
                    () => (OnHoldReason)s.Reason == OnHoldReason.AwaitingCaller && string.IsNullOrWhiteSpace(s.Comment) ? "ITSM-INC-HOLD-001" : null,
                    m => m with { OnHoldReason = (OnHoldReason)s.Reason }, out entry);

            case IncidentSteps.Resume s:
                return Command(IncidentCommand.Resume, s.Who, Args(s.Who), null, m => m with { OnHoldReason = null }, out entry);

            case IncidentSteps.RecordCallerResponse s:
                return Command(IncidentCommand.RecordCallerResponse, s.Who, Args(s.Who).Blank(s.Comment, "comment"), null,
                    m => m.State == IncidentState.InProgress ? m with { OnHoldReason = null } : m, out entry);

            case IncidentSteps.Resolve s:
                return Command(IncidentCommand.Resolve, s.Who, Args(s.Who).Range(s.Code, 1, 9, "code"),
                    () => string.IsNullOrWhiteSpace(s.Notes) ? "ITSM-INC-RESOLVE-001" : null,
                    m => Resolved(m, (IncidentResolutionCode)s.Code, s.Notes, now), out entry);

            case IncidentSteps.Reopen s:
                return Command(IncidentCommand.Reopen, s.Who, Args(s.Who).Blank(s.Reason, "reason"),
                    () => !MayReopen(IncidentWorld.Actor(s.Who)!) ? "ITSM-INC-REOPEN-001"
                        : v.ResolvedAt is { } resolved && WindowPassed(resolved, now) ? "ITSM-INC-REOPEN-002"
                        : null,
                    m => m with { ResolutionCode = null, ResolutionNotes = null, ResolvedAt = null }, out entry);

            case IncidentSteps.Close s:
                return Command(IncidentCommand.Close, s.Who, Args(s.Who),
                    () => v.IsMajor && !v.HasPostIncidentReview ? "ITSM-INC-MAJOR-001" : null,
                    m => m, out entry);

            case IncidentSteps.Cancel s:
                return Command(IncidentCommand.Cancel, s.Who, Args(s.Who).Blank(s.Reason, "reason"), null,
                    m => m with { OnHoldReason = null }, out entry);

            case IncidentSteps.ChangeImpactOrUrgency s:
                return Command(IncidentCommand.ChangeImpactOrUrgency, s.Who, Args(s.Who).Range(s.Impact, 1, 3, "impact").Range(s.Urgency, 1, 3, "urgency"),
                    () => (Impact)s.Impact == v.Impact && (Urgency)s.Urgency == v.Urgency ? "ITSM-INC-PRIORITY-001" : null,
                    m => m with { Impact = (Impact)s.Impact, Urgency = (Urgency)s.Urgency, Priority = PriorityFor((Impact)s.Impact, (Urgency)s.Urgency) },
                    out entry);

            case IncidentSteps.EscalateFunctionally s:
                return Command(IncidentCommand.EscalateFunctionally, s.Who, Args(s.Who).Blank(s.ToGroup, "toGroup").Blank(s.Reason, "reason"),
                    () => s.ToGroup == v.AssignmentGroup ? "ITSM-INC-ESCALATE-001" : null,
                    m => m with { AssignmentGroup = s.ToGroup, AssignedTo = null }, out entry);

            case IncidentSteps.EscalateHierarchically s:
                return Command(IncidentCommand.EscalateHierarchically, s.Who, Args(s.Who).Blank(s.Manager, "manager").Blank(s.Reason, "reason"), null,
                    m => m with { EscalationLevel = m.EscalationLevel + 1 }, out entry);

            case IncidentSteps.PromoteToMajor s:
                return Command(IncidentCommand.PromoteToMajor, s.Who, Args(s.Who).Blank(s.Reason, "reason"),
                    () => v.IsMajor ? "ITSM-INC-MAJOR-002" : v.ParentId is not null ? "ITSM-INC-MAJOR-003" : null,
                    m => m with { IsMajor = true }, out entry);

            case IncidentSteps.DemoteFromMajor s:
                return Command(IncidentCommand.DemoteFromMajor, s.Who, Args(s.Who).Blank(s.Reason, "reason"),
                    () => v.IsMajor ? null : "ITSM-INC-MAJOR-004",
                    m => m with { IsMajor = false }, out entry);

            case IncidentSteps.AttachToParent s:
                return Command(IncidentCommand.AttachToParent, s.Who, Args(s.Who).Check(s.Parent != ParentPick.Nobody, "parent"),
                    () => s.Parent == ParentPick.MajorSameTenant && !v.IsMajor ? (ParentResolved ? "ITSM-INC-PARENT-002" : null) : "ITSM-INC-PARENT-001",
                    m => m with { ParentId = _world.MajorParent.Id }, out entry);

            case IncidentSteps.RecordPostIncidentReview s:
                return Command(IncidentCommand.RecordPostIncidentReview, s.Who, Args(s.Who).Blank(s.Summary, "summary"),
                    () => v.IsMajor ? null : "ITSM-INC-MAJOR-004",
                    m => m with { HasPostIncidentReview = true }, out entry);

            case IncidentSteps.LinkCausedByChange s:
                return Command(IncidentCommand.LinkCausedByChange, s.Who, Args(s.Who).Blank(s.ChangeId, "changeId"), null,
                    m => m with { CausedByChange = s.ChangeId }, out entry);

            case IncidentSteps.LinkProblem s:
                return Command(IncidentCommand.LinkProblem, s.Who, Args(s.Who).Blank(s.ProblemId, "problemId"), null,
                    m => m with { RelatedProblem = s.ProblemId }, out entry);

            case ChangeServiceStep s:
                return Command(IncidentCommand.ChangeService, s.Who, Args(s.Who), () => v.Fields!.ServiceUnchanged(s, "ITSM-INC"), m => m with { Fields = m.Fields!.After(s) }, out entry);

            case AddConfigurationItemStep s:
                return Command(IncidentCommand.AddConfigurationItem, s.Who, Args(s.Who), () => v.Fields!.NotAddable(s, "ITSM-INC"), m => m with { Fields = m.Fields!.After(s) }, out entry);

            case RemoveConfigurationItemStep s:
                return Command(IncidentCommand.RemoveConfigurationItem, s.Who, Args(s.Who), () => v.Fields!.NotNamed(s, "ITSM-INC"), m => m with { Fields = m.Fields!.After(s) }, out entry);

            case RecordSatisfactionStep s:
                return Command(IncidentCommand.RecordSatisfaction, s.Who, SatisfactionModel.Args(Args(s.Who), s),
                    () => v.Satisfaction is not null && v.SurveyedResolution == v.ResolvedAt ? "ITSM-INC-CSAT-001" : null,
                    m => m with { Satisfaction = SatisfactionModel.Text(s), SurveyedResolution = m.ResolvedAt }, out entry);

            case LinkKnowledgeArticleStep s:
                return Command(IncidentCommand.LinkKnowledgeArticle, s.Who, Args(s.Who).Check(s.Article != 0, "article"),
                    () => KnowledgeLinksModel.Duplicate(v.KnowledgeArticles, s, "ITSM-INC"), m => m with { KnowledgeArticles = KnowledgeLinksModel.After(m.KnowledgeArticles, s) }, out entry);

            case AssignToSupplierStep s:
                return Command(IncidentCommand.AssignToSupplier, s.Who, Args(s.Who), () => v.Fields!.SupplierUnchanged(s, "ITSM-INC"), m => m with { Fields = m.Fields!.After(s) }, out entry);

            case var s when JournalFields.Is(s):
                return Command(Enum.Parse<IncidentCommand>(JournalFields.CommandName(s)), JournalFields.WhoOf(s), JournalFields.Check(s, Args(JournalFields.WhoOf(s))),
                    () => s is LogTimeStep t && v.Journal!.TimeWorked + t.Duration > Itsm.Journal.JournalLimits.MaxTimeWorked ? "ITSM-JOURNAL-001" : null,
                    m => m with { Journal = m.Journal!.After(s) }, out entry);

            case IncidentSteps.SlaThreshold s:
            {
                var threshold = s.Threshold();
                return Command(IncidentCommand.SlaThreshold, s.Who, Args(s.Who).Check(s.Percent > 0, "threshold"),
                    () => v.LastSlaThreshold is { } last && (threshold.DueAt < last.DueAt || (threshold.DueAt == last.DueAt && threshold.ThresholdPercent <= last.Percent))
                        ? "ITSM-SLA-THRESHOLD-001" : null,
                    m => m with { LastSlaThreshold = (threshold.DueAt, threshold.ThresholdPercent) }, out entry);
            }

            case IncidentSteps.ResolveAwaitingProblem s:
            {
                entry = null;
                if (new Arguments().Blank(s.ProblemId, "problemId").Null(IncidentWorld.Actor(s.Who), "actor").Blank(s.Notes, "notes").Result is { } bad)
                {
                    return bad;
                }

                // Only an incident on hold awaiting that very problem is resolved; any other is left alone.
                if (v.State != IncidentState.OnHold || v.OnHoldReason != OnHoldReason.AwaitingProblem || v.RelatedProblem != s.ProblemId)
                {
                    return new Expected.NoChange();
                }

                return Command(IncidentCommand.Resolve, s.Who, new Arguments(), null,
                    m => Resolved(m, IncidentResolutionCode.ResolvedByProblem, s.Notes, now), out entry);
            }

            case IncidentSteps.ResolveAsParent s:
                // The parent's command contract: arguments, then the state, then the rules (not major, no notes).
                return Command(IncidentCommand.Resolve, s.Who, Args(s.Who).Range(s.Code, 1, 9, "code"),
                    () => !v.IsMajor ? "ITSM-INC-MAJOR-005" : string.IsNullOrWhiteSpace(s.Notes) ? "ITSM-INC-RESOLVE-001" : null,
                    m => Resolved(m, (IncidentResolutionCode)s.Code, s.Notes, now), out entry);

            case IncidentSteps.ResolveAsChild s:
            {
                entry = null;
                if (Args(s.Who).Check(v.ParentId == _world.MajorParent.Id, "children").Range(s.Code, 1, 9, "code").Result is { } bad)
                {
                    return bad;
                }

                // The parent (open, major until resolved here) must permit Resolve.
                if (ParentResolved)
                {
                    return new Expected.Refused(Incident.RecordType, nameof(IncidentState.Resolved), nameof(IncidentCommand.Resolve), PermittedNames(IncidentState.Resolved, null));
                }

                if (string.IsNullOrWhiteSpace(s.Notes))
                {
                    return new Expected.RuleBroken("ITSM-INC-RESOLVE-001");
                }

                ParentResolved = true;
                if (!Permits(IncidentCommand.Resolve))
                {
                    return new Expected.NoChange();
                }

                string notes = $"Resolved with major incident {_world.MajorParent.Id}: {s.Notes}";
                return Command(IncidentCommand.Resolve, s.Who, new Arguments(), null,
                    m => Resolved(m, IncidentResolutionCode.ResolvedByParent, notes, now), out entry);
            }

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who) => new Arguments().Null(IncidentWorld.Actor(who), "actor");

    private static IncidentView Resolved(IncidentView m, IncidentResolutionCode code, string? notes, Instant now) =>
        m with { OnHoldReason = null, ResolutionCode = code, ResolutionNotes = notes, ResolvedAt = now };

    private Expected Command(IncidentCommand command, Who who, Arguments arguments, Func<string?>? rule, Func<IncidentView, IncidentView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        var namesAgent = _namesAgent;
        _namesAgent = false;
        if (Next(from, command, View.OnHoldReason, _setup, namesAgent) is not { } to)
        {
            return new Expected.Refused(Incident.RecordType, from.ToString(), command.ToString(), PermittedNames(from, View.OnHoldReason));
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, Incident.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            IncidentWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A random incident and 20 to 60 random commands (most of them refused).</summary>
public sealed record IncidentScenario(IncidentSetup Setup, ModelStep[] Steps)
{
    public override string ToString() => Describe(Setup, Steps);

    internal static string Describe(IncidentSetup setup, ModelStep[] steps)
    {
        var text = new StringBuilder().AppendLine(setup.ToString());
        foreach (var step in steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>Like <see cref="IncidentScenario"/>, with the operations of <see cref="MajorIncidentResolution"/> among the steps.</summary>
public sealed record IncidentOperationsScenario(IncidentSetup Setup, ModelStep[] Steps)
{
    public override string ToString() => IncidentScenario.Describe(Setup, Steps);
}

/// <summary>FsCheck 3 arbitraries for the incident model test.</summary>
public static class IncidentArbitraries
{
    private static readonly Gen<string?> Groups = Gen.Frequency(
        // A blank group is not representable (SupportGroupId refuses it), so the steps name none or a real one.
        (1, Gen.Constant<string?>(null)),
        (6, Gen.Elements<string?>("ServiceDesk", "Network")));

    private static readonly Gen<string?> Assignees = Gen.Frequency(
        (1, Gen.Constant<string?>(" ")),
        (6, Gen.Elements<string?>(null, "dave", "bob", "carol")));

    private static readonly Gen<string?> ProblemIds = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>(string.Empty)),
        (6, Gen.Elements<string?>("PRB0001", "PRB0002")));

    private static readonly Gen<string?> ChangeIds = Gen.Frequency((1, Gen.Constant<string?>(" ")), (4, Gen.Constant<string?>("CHG0001")));

    private static readonly Gen<int> HoldReasons = Gen.Frequency((1, Gen.Elements(0, 5)), (8, Gen.Choose(1, 4)));

    private static readonly Gen<int> ResolutionCodes = Gen.Frequency((1, Gen.Elements(0, 10)), (8, Gen.Choose(1, 9)));

    private static readonly Gen<int> ImpactOrUrgency = Gen.Frequency((1, Gen.Elements(0, 4)), (8, Gen.Choose(1, 3)));

    private static readonly Gen<ParentPick> Parents = Gen.Frequency(
        (1, Gen.Constant(ParentPick.Nobody)),
        (1, Gen.Constant(ParentPick.Itself)),
        (4, Gen.Constant(ParentPick.MajorSameTenant)),
        (1, Gen.Constant(ParentPick.OrdinarySameTenant)),
        (1, Gen.Constant(ParentPick.MajorOtherTenant)));

    public static Gen<IncidentSetup> Setups { get; } =
        from impact in Gen.Elements(Impact.High, Impact.Medium, Impact.Low)
        from urgency in Gen.Elements(Urgency.High, Urgency.Medium, Urgency.Low)
        from window in Gen.Elements<int?>(null, 1, 24, 7 * 24)
        from custom in Gen.Elements(false, false, true)
        from cells in Gen.ArrayOf(Gen.Choose(1, 5), 9)
        from workStart in Gen.Elements(IncidentWorkStart.OnAssignment, IncidentWorkStart.OnAgentAssignment, IncidentWorkStart.Explicit)
        from reopeners in Gen.Elements(IncidentReopeners.Caller, IncidentReopeners.Assignee, IncidentReopeners.Caller | IncidentReopeners.Assignee, IncidentReopeners.Anyone, IncidentReopeners.None)
        from managers in Gen.Elements(false, true)
        from kind in Gen.Elements(ReopenWindowKind.WallClock, ReopenWindowKind.WallClock, ReopenWindowKind.BusinessTime, ReopenWindowKind.None)
        from fromClosed in Gen.Elements(false, true)
        select new IncidentSetup(impact, urgency, window, custom ? cells : null, workStart, reopeners, managers, kind, fromClosed);

    /// <summary>One step: any command with random arguments, or a change of the world.</summary>
    public static Gen<ModelStep> CoreStep { get; } = Gen.Frequency(
        (4, from w in ModelGens.Who from g in Groups from a in Assignees select (ModelStep)new IncidentSteps.Assign(w, g, a)),
        (4, from w in ModelGens.Who from r in HoldReasons from c in ModelGens.Text select (ModelStep)new IncidentSteps.PutOnHold(w, r, c)),
        (2, from w in ModelGens.Who select (ModelStep)new IncidentSteps.Unassign(w)),
        (4, ServiceFields.Step),
        (2, JournalFields.Step),
        (1, KnowledgeLinksModel.Step),
        (2, SatisfactionModel.Step),
        (3, from w in ModelGens.Who select (ModelStep)new IncidentSteps.StartWork(w)),
        (3, from w in ModelGens.Who from r in HoldReasons from c in ModelGens.Text select (ModelStep)new IncidentSteps.ChangeHoldReason(w, r, c)),
        (3, from w in ModelGens.Who select (ModelStep)new IncidentSteps.Resume(w)),
        (3, from w in ModelGens.Who from c in ModelGens.Text select (ModelStep)new IncidentSteps.RecordCallerResponse(w, c)),
        (4, from w in ModelGens.Who from c in ResolutionCodes from n in ModelGens.Text select (ModelStep)new IncidentSteps.Resolve(w, c, n)),
        (4, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new IncidentSteps.Reopen(w, r)),
        (2, from w in ModelGens.Who select (ModelStep)new IncidentSteps.Close(w)),
        (1, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new IncidentSteps.Cancel(w, r)),
        (3, from w in ModelGens.Who from i in ImpactOrUrgency from u in ImpactOrUrgency select (ModelStep)new IncidentSteps.ChangeImpactOrUrgency(w, i, u)),
        (3, from w in ModelGens.Who from g in Groups from r in ModelGens.Text select (ModelStep)new IncidentSteps.EscalateFunctionally(w, g, r)),
        (2, from w in ModelGens.Who from m in ModelGens.Text from r in ModelGens.Text select (ModelStep)new IncidentSteps.EscalateHierarchically(w, m, r)),
        (3, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new IncidentSteps.PromoteToMajor(w, r)),
        (2, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new IncidentSteps.DemoteFromMajor(w, r)),
        (3, from w in ModelGens.Who from p in Parents select (ModelStep)new IncidentSteps.AttachToParent(w, p)),
        (3, from w in ModelGens.Who from s in ModelGens.Text select (ModelStep)new IncidentSteps.RecordPostIncidentReview(w, s)),
        (2, from w in ModelGens.Who from c in ChangeIds select (ModelStep)new IncidentSteps.LinkCausedByChange(w, c)),
        (2, from w in ModelGens.Who from p in ProblemIds select (ModelStep)new IncidentSteps.LinkProblem(w, p)),
        (3, from w in ModelGens.Who from d in Gen.Choose(0, 3) from p in Gen.Elements(0, 50, 75, 100, 150) select (ModelStep)new IncidentSteps.SlaThreshold(w, d, p)),
        (3, ModelGens.AdvanceClock),
        (2, Gen.Elements(-1L, 0L, 1L).Select(o => (ModelStep)new IncidentSteps.AdvanceToReopenDeadline(o))),
        (1, ModelGens.AcceptAuditEntries));

    /// <summary>A core step, or one of the operations on several incidents.</summary>
    public static Gen<ModelStep> OperationStep { get; } = Gen.Frequency(
        (12, CoreStep),
        (2, from w in ModelGens.Who from p in ProblemIds from n in ModelGens.Text select (ModelStep)new IncidentSteps.ResolveAwaitingProblem(w, p, n)),
        (1, from w in ModelGens.Who from c in ResolutionCodes from n in ModelGens.Text select (ModelStep)new IncidentSteps.ResolveAsParent(w, c, n)),
        (1, from w in ModelGens.Who from c in ResolutionCodes from n in ModelGens.Text select (ModelStep)new IncidentSteps.ResolveAsChild(w, c, n)));

    public static Gen<IncidentScenario> ScenarioGen { get; } =
        from setup in Setups
        from steps in ModelGens.Steps(CoreStep)
        select new IncidentScenario(setup, steps);

    public static Arbitrary<IncidentScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => s with { Steps = steps }));

    public static Arbitrary<IncidentOperationsScenario> OperationScenarios() =>
        Arb.From(
            from setup in Setups
            from steps in ModelGens.Steps(OperationStep)
            select new IncidentOperationsScenario(setup, steps),
            s => StepShrinker.Shrink(s.Steps).Select(steps => s with { Steps = steps }));
}
