using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Revises an open improvement item's title, baseline and target.</summary>
/// <remarks>Runs <see cref="ImprovementItem.Update"/>; its audit entry's command is <c>Update</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Baseline">The baseline.</param>
/// <param name="Target">The target.</param>
public sealed record UpdateImprovementItem(string Title, decimal Baseline, decimal Target) : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Update";

    internal override void Run(ImprovementItem record, Actor actor) => record.Update(actor, Title, Baseline, Target);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Title).Add(Baseline).Add(Target);
}
