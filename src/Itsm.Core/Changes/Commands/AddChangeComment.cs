using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Adds a comment the caller reads too to a change's journal.</summary>
/// <remarks>Runs <see cref="Change.AddComment"/>; its audit entry's command is <c>AddComment</c> (docs/journal.md).</remarks>
/// <param name="Text">The comment.</param>
public sealed record AddChangeComment(string Text) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddComment";

    internal override void Run(Change record, Actor actor) => record.AddComment(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
