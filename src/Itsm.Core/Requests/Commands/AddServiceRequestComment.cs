using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Adds a comment the caller reads too to a service request's journal.</summary>
/// <remarks>Runs <see cref="ServiceRequest.AddComment"/>; its audit entry's command is <c>AddComment</c> (docs/journal.md).</remarks>
/// <param name="Text">The comment.</param>
public sealed record AddServiceRequestComment(string Text) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "AddComment";

    internal override void Run(ServiceRequest record, Actor actor) => record.AddComment(actor, Text);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Text);
}
