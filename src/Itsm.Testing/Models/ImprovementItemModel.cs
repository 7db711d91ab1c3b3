using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>
/// The improvement register's lifecycle: the proposer never decides on their own item, an update must
/// change something and keep a target that improves on the baseline in the KPI's direction.
/// </summary>
internal sealed record ImprovementItemModel : LifecycleModel<ImprovementItem, ImprovementItemState, ImprovementItemCommand, ImprovementItemModel>
{
    public required string ProposerId { get; init; }

    public required KpiDirection Direction { get; init; }

    public required string Title { get; init; }

    public required decimal Baseline { get; init; }

    public required decimal Target { get; init; }

    public static ImprovementItemModel Proposed(ProposeImprovementItem propose, Actor proposer) => new()
    {
        Current = ImprovementItemState.Proposed,
        ProposerId = proposer.Id,
        Direction = propose.Direction,
        Title = propose.Title,
        Baseline = propose.Baseline,
        Target = propose.Target,
    };

    public override Prediction<ImprovementItem> Predict(RecordCommand<ImprovementItem> command, Actor actor, Instant at) => command switch
    {
        UpdateImprovementItem c => Command(
            ImprovementItemCommand.Update,
            () => c.Title == Title && c.Baseline == Baseline && c.Target == Target ? "ITSM-IMP-UPDATE-001"
                : !Improves(c.Baseline, c.Target) ? "ITSM-IMP-TARGET-001"
                : null,
            m => m with { Title = c.Title, Baseline = c.Baseline, Target = c.Target }),
        ApproveImprovementItem => Command(ImprovementItemCommand.Approve, () => Decider(actor)),
        RejectImprovementItem => Command(ImprovementItemCommand.Reject, () => Decider(actor)),
        StartImprovementItem => Command(ImprovementItemCommand.Start, null),
        CompleteImprovementItem => Command(ImprovementItemCommand.Complete, null),
        _ => Unknown(command),
    };

    protected override ImprovementItemState? Next(ImprovementItemState state, ImprovementItemCommand kind)
    {
        const ImprovementItemState p = ImprovementItemState.Proposed, a = ImprovementItemState.Approved, i = ImprovementItemState.InProgress;
        return (state, kind) switch
        {
            (p or a or i, ImprovementItemCommand.Update) => state,
            (p, ImprovementItemCommand.Approve) => a,
            (p, ImprovementItemCommand.Reject) => ImprovementItemState.Rejected,
            (a, ImprovementItemCommand.Start) => i,
            (i, ImprovementItemCommand.Complete) => ImprovementItemState.Done,
            _ => null,
        };
    }

    private bool Improves(decimal baseline, decimal target) => Direction == KpiDirection.LowerIsBetter ? target < baseline : target > baseline;

    private string? Decider(Actor approver) => approver.Id == ProposerId ? "ITSM-IMP-APPROVE-001" : null;
}
