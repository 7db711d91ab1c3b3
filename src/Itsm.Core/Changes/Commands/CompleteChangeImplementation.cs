using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Finishes implementing a change; it moves to its review.</summary>
/// <remarks>Runs <see cref="Change.CompleteImplementation"/>; its audit entry's command is <c>CompleteImplementation</c>.</remarks>
public sealed record CompleteChangeImplementation : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "CompleteImplementation";

    internal override void Run(Change record, Actor actor) => record.CompleteImplementation(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
