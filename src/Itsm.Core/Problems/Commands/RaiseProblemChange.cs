using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Links a change raised to apply a problem's fix.</summary>
/// <remarks>Runs <see cref="Problem.RaiseChange"/>; its audit entry's command is <c>RaiseChange</c>.</remarks>
/// <param name="ChangeId">The change's id.</param>
public sealed record RaiseProblemChange(string ChangeId) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "RaiseChange";

    internal override void Run(Problem record, Actor actor) => record.RaiseChange(actor, ChangeId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ChangeId);
}
