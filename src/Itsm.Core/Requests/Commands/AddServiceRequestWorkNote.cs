using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Adds an internal work note to a service request's journal; only readers allowed <c>ReadWorkNotes</c> see it.</summary>
/// <remarks>Runs <see cref="ServiceRequest.AddWorkNote"/>; its audit entry's command is <c>AddWorkNote</c> (docs/journal.md).</remarks>
/// <param name="Text">The note.</param>
public sealed record AddServiceRequestWorkNote(string Text) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddWorkNote";

    internal override void Run(ServiceRequest record, Actor actor) => record.AddWorkNote(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
