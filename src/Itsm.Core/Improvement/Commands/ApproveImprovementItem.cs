using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Approves a proposed improvement item, as the engine's actor (not the proposer).</summary>
/// <remarks>Runs <see cref="ImprovementItem.Approve"/>; its audit entry's command is <c>Approve</c>.</remarks>
public sealed record ApproveImprovementItem : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Approve";

    internal override void Run(ImprovementItem record, Actor actor) => record.Approve(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
