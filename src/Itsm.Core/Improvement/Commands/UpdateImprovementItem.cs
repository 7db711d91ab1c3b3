using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Revises an open improvement item's title, baseline and target, and its cited principles when <see cref="Principles"/> is given.</summary>
/// <remarks>Runs <c>ImprovementItem.Update</c>; its audit entry's command is <c>Update</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Baseline">The baseline.</param>
/// <param name="Target">The target.</param>
public sealed record UpdateImprovementItem(string Title, decimal Baseline, decimal Target) : RecordCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Update";

    /// <summary>The ITIL 4 guiding principles the item cites from now on (empty: none); <see langword="null"/> (the default) keeps the earlier ones.</summary>
    public System.Collections.Generic.IReadOnlyList<Governance.GuidingPrinciple>? Principles { get; init; }

    internal override void Run(ImprovementItem record, Actor actor) => record.UpdateCore(actor, Title, Baseline, Target, Principles);

    internal override void WriteArguments(CommandArguments arguments)
    {
        arguments.Add(Title).Add(Baseline).Add(Target);

        // Written only when given, so a retry of a command sent before principles existed keeps its fingerprint.
        if (Principles is { } principles)
        {
            arguments.Add(System.Linq.Enumerable.Select(principles, p => p.ToString()));
        }
    }
}
