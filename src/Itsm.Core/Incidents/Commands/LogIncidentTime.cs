using System.Globalization;
using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>Logs time worked on a incident, with an optional note; internal, like a work note.</summary>
/// <remarks>Runs <see cref="Incident.LogTime"/>; its audit entry's command is <c>LogTime</c> (docs/journal.md).</remarks>
/// <param name="Duration">The time worked: positive, whole seconds, at most 24 hours.</param>
/// <param name="Note">What the time went on, or null.</param>
public sealed record LogIncidentTime(Duration Duration, string? Note = null) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "LogTime";

    internal override void Run(Incident record, Actor actor) => record.LogTime(actor, Duration, Note);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Duration.ToString("o", CultureInfo.InvariantCulture)).Add(Note);
}
