using System.Globalization;
using Itsm.Common;
using NodaTime;

namespace Itsm.Requests;

/// <summary>Logs time worked on a service request, with an optional note; internal, like a work note.</summary>
/// <remarks>Runs <see cref="ServiceRequest.LogTime"/>; its audit entry's command is <c>LogTime</c> (docs/journal.md).</remarks>
/// <param name="Duration">The time worked: positive, whole seconds, at most 24 hours.</param>
/// <param name="Note">What the time went on, or null.</param>
public sealed record LogServiceRequestTime(Duration Duration, string? Note = null) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "LogTime";

    internal override void Run(ServiceRequest record, Actor actor) => record.LogTime(actor, Duration, Note);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Duration.ToString("o", CultureInfo.InvariantCulture)).Add(Note);
}
