using Itsm.Common;

namespace Itsm.Changes;

/// <summary>One problem with a planned window, as <see cref="ChangeCalendar.CheckConflicts"/> reports it.</summary>
/// <param name="Kind">What the conflict is about.</param>
/// <param name="IsBlocking">
/// Whether it prevents scheduling. Overlaps and windows outside maintenance always block; a blackout
/// blocks every change but an emergency one, for which it is reported as non-blocking so the change
/// lifecycle can audit that the freeze was passed.
/// </param>
/// <param name="Subject">The other change's id, the service without a maintenance window, or the blackout's name.</param>
/// <param name="SharedItems">For overlaps: the services and configuration items both changes touch; otherwise empty.</param>
/// <param name="Description">The conflict as a sentence.</param>
public sealed record ScheduleConflict(ScheduleConflictKind Kind, bool IsBlocking, string Subject, System.Collections.Generic.IReadOnlyList<string> SharedItems, string Description)
{
    /// <summary>For overlaps, the other change's id; otherwise <see langword="null"/>.</summary>
    public ChangeId? OtherChange { get; init; }
}
