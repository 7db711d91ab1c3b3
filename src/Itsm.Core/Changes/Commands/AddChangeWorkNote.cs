using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Adds an internal work note to a change's journal; only readers allowed <c>ReadWorkNotes</c> see it.</summary>
/// <remarks>Runs <see cref="Change.AddWorkNote"/>; its audit entry's command is <c>AddWorkNote</c> (docs/journal.md).</remarks>
/// <param name="Text">The note.</param>
public sealed record AddChangeWorkNote(string Text) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddWorkNote";

    internal override void Run(Change record, Actor actor) => record.AddWorkNote(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
