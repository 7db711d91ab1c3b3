using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Makes a problem with a recorded root cause and a documented workaround a known error.</summary>
/// <remarks>Runs <see cref="Problem.MarkAsKnownError"/>; its audit entry's command is <c>MarkAsKnownError</c>.</remarks>
/// <param name="Symptom">How the error shows itself to users.</param>
/// <param name="AffectedItems">The affected services or configuration items (possibly none; no blank entries).</param>
public sealed record MarkProblemAsKnownError(string Symptom, IReadOnlyList<string> AffectedItems) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "MarkAsKnownError";

    internal override void Run(Problem record, Actor actor) => record.MarkAsKnownError(actor, Symptom, AffectedItems);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Symptom).Add(AffectedItems is not null).Add(AffectedItems ?? Array.Empty<string>());
}
