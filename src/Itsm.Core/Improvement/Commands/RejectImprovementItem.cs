using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Rejects a proposed improvement item, as the engine's actor (not the proposer).</summary>
/// <remarks>Runs <see cref="ImprovementItem.Reject"/>; its audit entry's command is <c>Reject</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record RejectImprovementItem(string Reason) : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Reject";

    internal override void Run(ImprovementItem record, Actor actor) => record.Reject(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
