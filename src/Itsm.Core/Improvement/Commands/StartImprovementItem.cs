using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Starts implementing an approved improvement item.</summary>
/// <remarks>Runs <see cref="ImprovementItem.Start"/>; its audit entry's command is <c>Start</c>.</remarks>
public sealed record StartImprovementItem : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Start";

    internal override void Run(ImprovementItem record, Actor actor) => record.Start(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
