using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Submits a normal change for assessment.</summary>
/// <remarks>Runs <see cref="Change.Submit"/>; its audit entry's command is <c>Submit</c>.</remarks>
public sealed record SubmitChange : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Submit";

    internal override void Run(Change record, Actor actor) => record.Submit(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
