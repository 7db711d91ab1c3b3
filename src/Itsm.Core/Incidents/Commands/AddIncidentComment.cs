using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Adds a comment the caller reads too to a incident's journal.</summary>
/// <remarks>Runs <see cref="Incident.AddComment"/>; its audit entry's command is <c>AddComment</c> (docs/journal.md).</remarks>
/// <param name="Text">The comment.</param>
public sealed record AddIncidentComment(string Text) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddComment";

    internal override void Run(Incident record, Actor actor) => record.AddComment(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
