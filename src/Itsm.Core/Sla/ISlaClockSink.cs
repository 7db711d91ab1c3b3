using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// Where <see cref="SlaTargetRules"/> sends the events of one target's clocks: a timeline builder
/// (<see cref="SlaTracker.Track"/>, for replay) or a fold (<see cref="SlaLedger"/>, for the command
/// path), so both follow one copy of the rules.
/// </summary>
internal interface ISlaClockSink
{
    /// <summary>Whether the current clock is running or paused.</summary>
    bool IsActive { get; }

    /// <summary>Whether the current clock is paused.</summary>
    bool IsPaused { get; }

    /// <summary>The target in force on the current clock (its last start, reset or retarget).</summary>
    Duration Target { get; }

    /// <summary>
    /// Asks the host's <see cref="SlaCalendarResolver"/> for the calendar of the clock about to attach on
    /// <paramref name="snapshot"/> (once per ticket for a target that tracks retroactive pauses, whose
    /// clocks are measured from the first snapshot), and keeps the choice for that clock.
    /// </summary>
    void ChooseCalendar(TicketSnapshot snapshot);

    /// <summary>Appends an event to the current clock.</summary>
    void Append(SlaEvent e);

    /// <summary>Ends the current clock, if any, as cycle <paramref name="cycle"/> last seen at <paramref name="priority"/>.</summary>
    void Close(int cycle, Priority priority);

    /// <summary>Starts a new clock with <paramref name="started"/> (a Started event).</summary>
    void Start(SlaEvent started);

    /// <summary>
    /// Starts a new clock from <paramref name="openedAt"/> with <paramref name="target"/> after the
    /// current one was cancelled and closed; with <paramref name="replayPauses"/>, the closed clock's
    /// pauses (a reset counting as a resume) are replayed into it.
    /// </summary>
    void RestartFromOpening(Instant openedAt, Duration target, bool replayPauses);

    /// <summary>
    /// Starts a new clock back at <paramref name="start"/> with <paramref name="target"/> (a retroactive
    /// start); with <paramref name="withPauses"/>, paused wherever <see cref="ObservePause"/> saw the
    /// target's pause condition put a clock since then.
    /// </summary>
    void StartRetroactive(Instant start, Duration target, bool withPauses);

    /// <summary>
    /// Follows the target's pause and resume conditions on every snapshot, clock or not (for a
    /// retroactive start with its pauses): paused when <paramref name="pauseHolds"/>, running again
    /// when <paramref name="resumeHolds"/>.
    /// </summary>
    void ObservePause(Instant at, bool pauseHolds, bool resumeHolds);

    /// <summary>
    /// Makes the active clock one that always had <paramref name="target"/>: the same start and pauses,
    /// so a breach falls where the elapsed time reached the new target (Jira Service Management's
    /// goal change). <paramref name="at"/> is the change, where a fold that lacks the shadow of the
    /// target (a clock begun before its target took this profile) retargets instead.
    /// </summary>
    void Rebase(Instant at, Duration target);
}
