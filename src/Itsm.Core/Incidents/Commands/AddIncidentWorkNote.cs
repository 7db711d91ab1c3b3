using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Adds an internal work note to a incident's journal; only readers allowed <c>ReadWorkNotes</c> see it.</summary>
/// <remarks>Runs <see cref="Incident.AddWorkNote"/>; its audit entry's command is <c>AddWorkNote</c> (docs/journal.md).</remarks>
/// <param name="Text">The note.</param>
public sealed record AddIncidentWorkNote(string Text) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddWorkNote";

    internal override void Run(Incident record, Actor actor) => record.AddWorkNote(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
