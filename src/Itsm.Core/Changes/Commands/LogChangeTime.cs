using System.Globalization;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>Logs time worked on a change, with an optional note; internal, like a work note.</summary>
/// <remarks>Runs <see cref="Change.LogTime"/>; its audit entry's command is <c>LogTime</c> (docs/journal.md).</remarks>
/// <param name="Duration">The time worked: positive, whole seconds, at most 24 hours.</param>
/// <param name="Note">What the time went on, or null.</param>
public sealed record LogChangeTime(Duration Duration, string? Note = null) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "LogTime";

    internal override void Run(Change record, Actor actor) => record.LogTime(actor, Duration, Note);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Duration.ToString("o", CultureInfo.InvariantCulture)).Add(Note);
}
