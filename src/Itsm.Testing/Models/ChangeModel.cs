using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>
/// The change lifecycle per type (standard, normal, emergency) and rejection policy, with the host's
/// <see cref="ChangeAuthorityPolicy"/>: a normal change needs a risk assessment before authorisation;
/// approvers are neither the requester nor the implementer, approve once, and hold a role the required
/// authority accepts; scheduling needs the authority's quorum (whether the window is free is the
/// calendar's verdict: with a non-empty calendar either outcome is accepted); editing the plan or window voids the approvals; an approver may not implement;
/// the scope (service, offering, configuration items, supplier) changes only before authorisation and never to nothing; the group changes in every active state.
/// </summary>
internal sealed record ChangeModel : LifecycleModel<Change, ChangeState, ChangeCommand, ChangeModel>
{
    public required ChangeType Type { get; init; }

    public required RejectionPolicy Rejection { get; init; }

    public required ChangeAuthorityPolicy Authorities { get; init; }

    public required string RequesterId { get; init; }

    public TicketFields Fields { get; init; }

    public SupportGroupId? Group { get; init; }

    public string? ImplementerId { get; init; }

    public ChangeRisk? Risk { get; init; }

    public IReadOnlyList<Actor> Approvals { get; init; } = [];

    public static ChangeModel Opened(OpenChange open, Actor requester, ChangeAuthorityPolicy authorities) => new()
    {
        Current = ChangeState.New,
        Type = open.Type,
        Rejection = open.Rejection,
        Authorities = authorities,
        RequesterId = requester.Id,
        ImplementerId = open.ImplementerId,
        Fields = TicketFields.Opened(open.Service, open.Offering, open.ConfigurationItems),
        Group = open.AssignmentGroup,
    };

    private const string Prefix = "ITSM-CHG";

    private bool ScopeEditable => Current is ChangeState.New or ChangeState.Assess;

    public override int Collected => Approvals.Count;

    private ChangeAuthority Authority => Authorities.For(Type, Risk);

    public override Prediction<Change> Predict(RecordCommand<Change> command, Actor actor, Instant at) => command switch
    {
        SubmitChange => Command(ChangeCommand.Submit, null),
        AssessChangeRisk c => Command(ChangeCommand.AssessRisk, null, m => m with { Risk = c.Policy.Assess(c.Answers, c.CausesOutage, Fields.Service is { } s ? [s.Value] : [], Fields.Items.Select(i => i.Value)).Risk }),
        RequestChangeAuthorization => Command(ChangeCommand.RequestAuthorization, () => Type == ChangeType.Normal && Risk is null ? "ITSM-CHG-AUTH-001" : null),
        ApproveChange => Command(
            ChangeCommand.Approve,
            () => Segregation(actor) ?? (Approvals.Any(a => a.Id == actor.Id) ? "ITSM-CHG-APPROVE-001" : null) ?? Role(actor),
            m => m with { Approvals = With(Approvals, actor) }),
        RejectChange => Command(ChangeCommand.Reject, () => Segregation(actor) ?? Role(actor), m => m with { Approvals = [] }),
        ScheduleChange c => Command(
            ChangeCommand.Schedule,
            () => !Satisfied() ? "ITSM-CHG-SCHEDULE-001" : null,
            policyDependent: c.Calendar.Changes.Count > 0 || c.Calendar.Blackouts.Count > 0),
        EditChangePlan => Command(ChangeCommand.EditPlan, null, m => m with { Approvals = [] }),
        EditChangeWindow => Command(ChangeCommand.EditWindow, null, m => m with { Approvals = [] }),
        StartChangeImplementation => Command(
            ChangeCommand.StartImplementation,
            () => Approvals.Any(a => a.Id == actor.Id) ? "ITSM-CHG-SOD-002" : null,
            m => m with { ImplementerId = actor.Id }),
        CompleteChangeImplementation => Command(ChangeCommand.CompleteImplementation, null),
        CloseChange => Command(ChangeCommand.Close, null),
        CancelChange => Command(ChangeCommand.Cancel, null),
        // The journal: the state is unchanged; the total-time bound is far beyond any generated history.
        AddChangeWorkNote => Command(ChangeCommand.AddWorkNote, null),
        AddChangeComment => Command(ChangeCommand.AddComment, null),
        LogChangeTime => Command(ChangeCommand.LogTime, null),
        ChangeChangeService c => Command(
            ChangeCommand.ChangeService,
            () => Scope() ?? Fields.ServiceUnchanged(c.Service, c.Offering, Prefix) ?? Touches(c.Service is not null, Fields.Items.Count),
            m => m with { Fields = Fields with { Service = c.Service, Offering = c.Offering } }),
        AddChangeConfigurationItem c => Command(
            ChangeCommand.AddConfigurationItem, () => Scope() ?? Fields.NotAddable(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Add(c.ConfigurationItem) } }),
        RemoveChangeConfigurationItem c => Command(
            ChangeCommand.RemoveConfigurationItem,
            () => Scope() ?? Fields.NotNamed(c.ConfigurationItem, Prefix) ?? Touches(Fields.Service is not null, Fields.Items.Count - 1),
            m => m with { Fields = Fields with { Items = Fields.Items.Remove(c.ConfigurationItem) } }),
        AssignChangeToSupplier c => Command(
            ChangeCommand.AssignToSupplier, () => Scope() ?? Fields.SupplierUnchanged(c.Supplier, Prefix), m => m with { Fields = Fields with { Supplier = c.Supplier } }),
        AssignChange c => Command(ChangeCommand.Assign, () => c.Group == Group ? "ITSM-CHG-ASSIGN-001" : null, m => m with { Group = c.Group }),
        // The library table has no named transitions: without a workflow the state refuses them (WorkflowCheck judges them under one).
        TransitionChangeWorkflow => Command(ChangeCommand.TransitionWorkflow, null),
        _ => Unknown(command),
    };

    protected override ChangeState? Next(ChangeState state, ChangeCommand kind)
    {
        const ChangeState n = ChangeState.New, a = ChangeState.Assess, z = ChangeState.Authorize, s = ChangeState.Scheduled, i = ChangeState.Implement, r = ChangeState.Review;
        var rejected = Rejection == RejectionPolicy.Cancel ? ChangeState.Canceled : n;
        var editedBack = Type == ChangeType.Standard ? n : z;
        return (Type, state, kind) switch
        {
            (ChangeType.Normal, n, ChangeCommand.Submit) => a,
            (ChangeType.Normal, a, ChangeCommand.AssessRisk) => a,
            (ChangeType.Emergency, n or z, ChangeCommand.AssessRisk) => state,
            (ChangeType.Normal, a, ChangeCommand.RequestAuthorization) => z,
            (ChangeType.Emergency, n, ChangeCommand.RequestAuthorization) => z,
            (not ChangeType.Standard, z, ChangeCommand.Approve) => z,
            (not ChangeType.Standard, z, ChangeCommand.DelegateApproval or ChangeCommand.ApprovalOverdue) => z,
            (not ChangeType.Standard, z, ChangeCommand.Reject) => rejected,
            (ChangeType.Standard, n, ChangeCommand.Schedule) => s,
            (not ChangeType.Standard, z, ChangeCommand.Schedule) => s,
            (ChangeType.Normal, n or a or z, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => state,
            (ChangeType.Emergency, n or z, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => state,
            (ChangeType.Standard, n, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => state,
            (_, s, ChangeCommand.EditPlan or ChangeCommand.EditWindow) => editedBack,
            (_, s, ChangeCommand.StartImplementation) => i,
            (_, i, ChangeCommand.CompleteImplementation) => r,
            (_, r, ChangeCommand.Close) => ChangeState.Closed,
            (ChangeType.Normal, n or a or z or s or i, ChangeCommand.Cancel) => ChangeState.Canceled,
            (ChangeType.Emergency, n or z or s or i, ChangeCommand.Cancel) => ChangeState.Canceled,
            (ChangeType.Standard, n or s or i, ChangeCommand.Cancel) => ChangeState.Canceled,
            (ChangeType.Normal, n or a or z or s or i or r, ChangeCommand.AddWorkNote or ChangeCommand.AddComment or ChangeCommand.LogTime) => state,
            (ChangeType.Emergency, n or z or s or i or r, ChangeCommand.AddWorkNote or ChangeCommand.AddComment or ChangeCommand.LogTime) => state,
            (ChangeType.Standard, n or s or i or r, ChangeCommand.AddWorkNote or ChangeCommand.AddComment or ChangeCommand.LogTime) => state,
            (ChangeType.Normal, n or a or z or s or i or r, ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem or ChangeCommand.RemoveConfigurationItem
                or ChangeCommand.AssignToSupplier or ChangeCommand.Assign) => state,
            (ChangeType.Emergency, n or z or s or i or r, ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem or ChangeCommand.RemoveConfigurationItem
                or ChangeCommand.AssignToSupplier or ChangeCommand.Assign) => state,
            (ChangeType.Standard, n or s or i or r, ChangeCommand.ChangeService or ChangeCommand.AddConfigurationItem or ChangeCommand.RemoveConfigurationItem
                or ChangeCommand.AssignToSupplier or ChangeCommand.Assign) => state,
            _ => null,
        };
    }

    private string? Scope() => ScopeEditable ? null : "ITSM-CHG-SCOPE-001";

    private static string? Touches(bool service, int items) => service || items > 0 ? null : "ITSM-CHG-SCOPE-002";

    private string? Segregation(Actor approver) => approver.Id == RequesterId || approver.Id == ImplementerId ? "ITSM-CHG-SOD-001" : null;

    private string? Role(Actor approver) => approver.Roles.Any(Authority.Roles.Contains) ? null : "ITSM-CHG-APPROVE-002";

    private bool Satisfied() =>
        Approvals.Where(a => a.Roles.Any(Authority.Roles.Contains)).Select(a => a.Id).Distinct().Count() >= Authority.Quorum;
}
