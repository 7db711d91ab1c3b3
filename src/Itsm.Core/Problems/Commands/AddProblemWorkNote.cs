using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Adds an internal work note to a problem's journal; only readers allowed <c>ReadWorkNotes</c> see it.</summary>
/// <remarks>Runs <see cref="Problem.AddWorkNote"/>; its audit entry's command is <c>AddWorkNote</c> (docs/journal.md).</remarks>
/// <param name="Text">The note.</param>
public sealed record AddProblemWorkNote(string Text) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddWorkNote";

    internal override void Run(Problem record, Actor actor) => record.AddWorkNote(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
