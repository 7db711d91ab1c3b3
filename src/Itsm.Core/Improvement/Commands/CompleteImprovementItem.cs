using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Completes an improvement item in progress, recording the KPI's measured value (whether it reached the target is derived).</summary>
/// <remarks>Runs <see cref="ImprovementItem.Complete"/>; its audit entry's command is <c>Complete</c>.</remarks>
/// <param name="MeasuredEffect">The KPI's value measured after completion.</param>
public sealed record CompleteImprovementItem(decimal MeasuredEffect) : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Complete";

    internal override void Run(ImprovementItem record, Actor actor) => record.Complete(actor, MeasuredEffect);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(MeasuredEffect);
}
