using Itsm.Common;

namespace Itsm.Sla;

/// <summary>What <see cref="SlaTargetRules"/> remembers of one target between snapshots, besides its clock.</summary>
/// <param name="Cycle">The current clock's cycle; -1 before the first.</param>
/// <param name="Priority">The ticket's priority as the current clock last saw it.</param>
/// <param name="PreviousStart">Whether start held on the previous snapshot.</param>
/// <param name="PreviousReset">Whether reset held on the previous snapshot.</param>
internal readonly record struct SlaTargetProgress(int Cycle, Priority Priority, bool PreviousStart, bool PreviousReset)
{
    internal static SlaTargetProgress Initial => new(-1, default, false, false);
}
