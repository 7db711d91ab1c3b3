namespace Itsm.Sla;

/// <summary>
/// One target's part of an <see cref="SlaLedger"/>: the tracker's memory of it and its current clock
/// as a fold (<see cref="SlaClockState.Initial"/> before the first), plus, for a target that restarts
/// retroactively with its pauses or (Jira Service Management) applies a goal change to the whole
/// cycle, one shadow clock per target duration; for a target that starts clocks back in time with
/// their pauses, one retroactive clock per target duration.
/// </summary>
/// <param name="AgreementId">The agreement's id.</param>
/// <param name="Metric">The target's metric.</param>
/// <param name="Progress">What the rules remember between snapshots.</param>
/// <param name="Clock">The current (or last) clock.</param>
/// <param name="Shadows">The shadow clocks, or empty.</param>
/// <param name="RetroShadows">The retroactive clocks: started at the retroactive start, paused wherever the pause condition held since; or empty.</param>
/// <param name="Calendar">
/// The calendar the host's <see cref="SlaCalendarResolver"/> chose for the current clock (and its shadows)
/// when it attached; null for the target's own calendar (always, without a resolver, and in states saved
/// before resolvers existed).
/// </param>
internal sealed record SlaLedgerTrack(string AgreementId, SlaMetric Metric, SlaTargetProgress Progress, SlaClockState Clock, SlaLedgerShadow[] Shadows, SlaLedgerShadow[] RetroShadows, string? Calendar = null);

/// <summary>
/// The clock a retroactive restart, a retroactive start or a goal change to
/// <see cref="SlaClockState.Target"/> would give: begun at the ticket's opening, the retroactive start or
/// the clock's start, with the pauses replayed into it, and the crossings it has made.
/// It stays small: a shadow never resets, so it crosses each threshold at most once.
/// </summary>
/// <param name="Clock">The shadow's state.</param>
/// <param name="Crossings">The thresholds it has crossed.</param>
internal sealed record SlaLedgerShadow(SlaClockState Clock, SlaThresholdReached[] Crossings);
