using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Puts a change to its change authority for authorisation.</summary>
/// <remarks>Runs <see cref="Change.RequestAuthorization"/>; its audit entry's command is <c>RequestAuthorization</c>.</remarks>
public sealed record RequestChangeAuthorization : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "RequestAuthorization";

    internal override void Run(Change record, Actor actor) => record.RequestAuthorization(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
