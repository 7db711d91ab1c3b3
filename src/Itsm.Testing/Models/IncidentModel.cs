using Itsm.Common;
using Itsm.Incidents;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>
/// The incident lifecycle under the host's <see cref="IncidentOptions"/> (when assignment starts work,
/// whether closed incidents reopen): holds and their reasons, a caller's answer ending a wait for the
/// caller, a major incident closing only after its review, changes that change something. Who may
/// reopen and within which window is the reopen policy's verdict, so a reopen the table permits may be
/// accepted or refused by its rule.
/// </summary>
internal sealed record IncidentModel : LifecycleModel<Incident, IncidentState, IncidentCommand, IncidentModel>
{
    public required IncidentOptions Options { get; init; }

    public required Impact Impact { get; init; }

    public required Urgency Urgency { get; init; }

    public Assignment Assigned { get; init; }

    public OnHoldReason? HoldReason { get; init; }

    /// <summary>The supplier the hold waits for (only while on hold awaiting a vendor).</summary>
    public Itsm.Services.SupplierId? HoldSupplier { get; init; }

    public TicketFields Fields { get; init; }

    public bool IsMajor { get; init; }

    public bool HasReview { get; init; }

    /// <summary>Whether the last assignment named a person (the OnAgentAssignment work start).</summary>
    private bool AssigneeNamed { get; init; }

    public static IncidentModel Opened(OpenIncident open, IncidentOptions options) => new()
    {
        Current = IncidentState.New,
        Options = options,
        Impact = open.Impact,
        Urgency = open.Urgency,
        Fields = TicketFields.Opened(open.Service, open.Offering, open.ConfigurationItems),
    };

    public override Prediction<Incident> Predict(RecordCommand<Incident> command, Actor actor, Instant at) => command switch
    {
        AssignIncident c => (this with { AssigneeNamed = c.Assignee is not null }).Command(
            IncidentCommand.Assign, () => Assigned.Unchanged(c.Group?.Value, c.Assignee, "ITSM-INC-ASSIGN-001"), m => m with { Assigned = new(c.Group?.Value, c.Assignee) }),
        UnassignIncident => Command(IncidentCommand.Unassign, () => Assigned.Nothing("ITSM-INC-ASSIGN-002"), m => m with { Assigned = default }),
        StartIncidentWork => Command(IncidentCommand.StartWork, null),
        PutIncidentOnHold c => Command(
            IncidentCommand.PutOnHold,
            () => HoldSupplierRule(c.Reason, c.Supplier) ?? CallerComment(c.Reason, c.Comment),
            m => m with { HoldReason = c.Reason, HoldSupplier = c.Supplier }),
        ChangeIncidentHoldReason c => Command(
            IncidentCommand.ChangeHoldReason,
            () => HoldSupplierRule(c.Reason, c.Supplier) ?? (c.Reason == HoldReason && c.Supplier == HoldSupplier ? "ITSM-INC-HOLD-002" : CallerComment(c.Reason, c.Comment)),
            m => m with { HoldReason = c.Reason, HoldSupplier = c.Supplier }),
        ResumeIncident => Command(IncidentCommand.Resume, null, m => m with { HoldReason = null, HoldSupplier = null }),
        RecordCallerResponse => Command(
            IncidentCommand.RecordCallerResponse, null, m => m.Current == IncidentState.InProgress ? m with { HoldReason = null, HoldSupplier = null } : m),
        ResolveIncident c => Command(IncidentCommand.Resolve, () => string.IsNullOrWhiteSpace(c.Notes) ? "ITSM-INC-RESOLVE-001" : null, m => m with { HoldReason = null, HoldSupplier = null }),
        ReopenIncident => Command(IncidentCommand.Reopen, null, policyDependent: true),
        CloseIncident => Command(IncidentCommand.Close, () => IsMajor && !HasReview ? "ITSM-INC-MAJOR-001" : null),
        CancelIncident => Command(IncidentCommand.Cancel, null, m => m with { HoldReason = null, HoldSupplier = null }),
        ChangeIncidentService c => Command(
            IncidentCommand.ChangeService, () => Fields.ServiceUnchanged(c.Service, c.Offering, Prefix), m => m with { Fields = Fields with { Service = c.Service, Offering = c.Offering } }),
        AddIncidentConfigurationItem c => Command(
            IncidentCommand.AddConfigurationItem, () => Fields.NotAddable(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Add(c.ConfigurationItem) } }),
        RemoveIncidentConfigurationItem c => Command(
            IncidentCommand.RemoveConfigurationItem, () => Fields.NotNamed(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Remove(c.ConfigurationItem) } }),
        AssignIncidentToSupplier c => Command(
            IncidentCommand.AssignToSupplier, () => Fields.SupplierUnchanged(c.Supplier, Prefix), m => m with { Fields = Fields with { Supplier = c.Supplier } }),
        ChangeIncidentImpactOrUrgency c => Command(
            IncidentCommand.ChangeImpactOrUrgency,
            () => c.Impact == Impact && c.Urgency == Urgency ? "ITSM-INC-PRIORITY-001" : null,
            m => m with { Impact = c.Impact, Urgency = c.Urgency }),
        EscalateIncidentFunctionally c => Command(
            IncidentCommand.EscalateFunctionally,
            () => c.ToGroup.Value == Assigned.Group ? "ITSM-INC-ESCALATE-001" : null,
            m => m with { Assigned = new(c.ToGroup.Value, null) }),
        EscalateIncidentHierarchically => Command(IncidentCommand.EscalateHierarchically, null),
        PromoteIncidentToMajor => Command(IncidentCommand.PromoteToMajor, () => IsMajor ? "ITSM-INC-MAJOR-002" : null, m => m with { IsMajor = true }),
        DemoteIncidentFromMajor => Command(IncidentCommand.DemoteFromMajor, () => IsMajor ? null : "ITSM-INC-MAJOR-004", m => m with { IsMajor = false }),
        RecordPostIncidentReview => Command(IncidentCommand.RecordPostIncidentReview, () => IsMajor ? null : "ITSM-INC-MAJOR-004", m => m with { HasReview = true }),
        LinkIncidentToCausingChange => Command(IncidentCommand.LinkCausedByChange, null),
        LinkIncidentToProblem => Command(IncidentCommand.LinkProblem, null),
        // Both depend on records and agreements outside this one: the table is checked, the rules are not.
        RecordIncidentSlaThreshold => Command(IncidentCommand.SlaThreshold, null, policyDependent: true),
        AttachIncidentToParent => Command(IncidentCommand.AttachToParent, null, policyDependent: true),
        // The journal: the state is unchanged; the total-time bound is far beyond any generated history.
        AddIncidentWorkNote => Command(IncidentCommand.AddWorkNote, null),
        AddIncidentComment => Command(IncidentCommand.AddComment, null),
        LogIncidentTime => Command(IncidentCommand.LogTime, null),
        // The engine checks a cited article before the command runs (as it checks service-model ids), whatever
        // the incident's state; the generated ids name no article, so it refuses them all.
        LinkIncidentKnowledgeArticle => Prediction<Incident>.RefusedByEngine("ITSM-KB-LINK-002"),
        // One result per resolution, named by its instant, which this model does not keep: the table is checked.
        RecordIncidentSatisfaction => Command(IncidentCommand.RecordSatisfaction, null, policyDependent: true),
        // The library table has no named transitions: without a workflow the state refuses them (WorkflowCheck judges them under one).
        TransitionIncidentWorkflow => Command(IncidentCommand.TransitionWorkflow, null),
        _ => Unknown(command),
    };

    protected override IncidentState? Next(IncidentState state, IncidentCommand kind)
    {
        const IncidentState n = IncidentState.New, p = IncidentState.InProgress, h = IncidentState.OnHold, r = IncidentState.Resolved;
        return (state, kind) switch
        {
            (n, IncidentCommand.Assign) => Options.WorkStart switch
            {
                IncidentWorkStart.OnAssignment => p,
                IncidentWorkStart.OnAgentAssignment => AssigneeNamed ? p : n,
                _ => n,
            },
            (p or h or r, IncidentCommand.Assign) => state,
            (n, IncidentCommand.StartWork) => p,
            (n or p, IncidentCommand.PutOnHold) => h,
            (n or p or h, IncidentCommand.Resolve) => r,
            (n or p or h, IncidentCommand.Cancel) => IncidentState.Canceled,
            (n or p, IncidentCommand.RecordCallerResponse) => state,
            (h, IncidentCommand.RecordCallerResponse) => HoldReason == OnHoldReason.AwaitingCaller ? p : h,
            (h, IncidentCommand.ChangeHoldReason) => h,
            (h, IncidentCommand.Resume) => p,
            (n or p or h, IncidentCommand.ChangeImpactOrUrgency or IncidentCommand.EscalateFunctionally or IncidentCommand.EscalateHierarchically
                or IncidentCommand.PromoteToMajor or IncidentCommand.DemoteFromMajor or IncidentCommand.AttachToParent
                or IncidentCommand.RecordPostIncidentReview or IncidentCommand.LinkCausedByChange or IncidentCommand.LinkProblem
                or IncidentCommand.SlaThreshold or IncidentCommand.Unassign or IncidentCommand.ChangeService or IncidentCommand.AddConfigurationItem
                or IncidentCommand.RemoveConfigurationItem or IncidentCommand.AssignToSupplier or IncidentCommand.LinkKnowledgeArticle) => state,
            (r, IncidentCommand.Reopen) => p,
            (r, IncidentCommand.Close) => IncidentState.Closed,
            (r, IncidentCommand.Unassign or IncidentCommand.ChangeImpactOrUrgency or IncidentCommand.RecordPostIncidentReview
                or IncidentCommand.LinkCausedByChange or IncidentCommand.LinkProblem or IncidentCommand.SlaThreshold
                or IncidentCommand.ChangeService or IncidentCommand.AddConfigurationItem or IncidentCommand.RemoveConfigurationItem
                or IncidentCommand.LinkKnowledgeArticle or IncidentCommand.RecordSatisfaction) => r,
            (IncidentState.Closed, IncidentCommand.RecordSatisfaction) => IncidentState.Closed,
            (IncidentState.Closed, IncidentCommand.Reopen) when Options.Reopen.FromClosed => p,
            (n or p or h or r, IncidentCommand.AddWorkNote or IncidentCommand.AddComment or IncidentCommand.LogTime) => state,
            _ => null,
        };
    }

    private const string Prefix = "ITSM-INC";

    protected override bool IsWork(IncidentCommand kind) => kind != IncidentCommand.RecordSatisfaction;

    private static string? HoldSupplierRule(OnHoldReason reason, Itsm.Services.SupplierId? supplier) =>
        supplier is not null && reason != OnHoldReason.AwaitingVendor ? "ITSM-INC-HOLD-003" : null;

    private static string? CallerComment(OnHoldReason reason, string? comment) =>
        reason == OnHoldReason.AwaitingCaller && string.IsNullOrWhiteSpace(comment) ? "ITSM-INC-HOLD-001" : null;
}
