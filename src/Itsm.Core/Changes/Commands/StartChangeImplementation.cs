using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Starts implementing a scheduled change: the actor is the implementer (who may not have approved it).</summary>
/// <remarks>Runs <see cref="Change.StartImplementation"/>; its audit entry's command is <c>StartImplementation</c>.</remarks>
public sealed record StartChangeImplementation : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "StartImplementation";

    internal override void Run(Change record, Actor actor) => record.StartImplementation(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
