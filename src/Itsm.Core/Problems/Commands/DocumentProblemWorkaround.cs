using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Documents a problem's workaround, replacing an earlier one (and the known error's, if there is one).</summary>
/// <remarks>Runs <see cref="Problem.DocumentWorkaround"/>; its audit entry's command is <c>DocumentWorkaround</c>.</remarks>
/// <param name="Workaround">How users or agents restore service until the fix.</param>
public sealed record DocumentProblemWorkaround(string Workaround) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "DocumentWorkaround";

    internal override void Run(Problem record, Actor actor) => record.DocumentWorkaround(actor, Workaround);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Workaround);
}
