using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>Schedules an authorised change for a window, after checking the window against the change calendar.</summary>
/// <remarks>Runs <see cref="Change.Schedule"/>; its audit entry's command is <c>Schedule</c>.</remarks>
/// <param name="Window">The planned window, <c>[Start, End)</c>, with a start and an end, not empty.</param>
/// <param name="Calendar">The change calendar (the change's own entry in it is ignored); not part of the idempotency fingerprint.</param>
public sealed record ScheduleChange(Interval Window, ChangeCalendar Calendar) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Schedule";

    internal override void Run(Change record, Actor actor) => record.Schedule(actor, Window, Calendar);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Window.ToString());
}
