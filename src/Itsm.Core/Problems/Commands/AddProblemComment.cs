using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Adds a comment the caller reads too to a problem's journal.</summary>
/// <remarks>Runs <see cref="Problem.AddComment"/>; its audit entry's command is <c>AddComment</c> (docs/journal.md).</remarks>
/// <param name="Text">The comment.</param>
public sealed record AddProblemComment(string Text) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddComment";

    internal override void Run(Problem record, Actor actor) => record.AddComment(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
