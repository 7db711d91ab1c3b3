using Itsm.Persistence;
using Itsm.Sla;

namespace Itsm.Engine;

/// <summary>One SLA clock of a ticket and its status, as <see cref="ItsmEngine.EvaluateSla"/> returns them.</summary>
/// <param name="Clock">The clock: its agreement, target, cycle and timeline.</param>
/// <param name="Status">Its status at the instant evaluated.</param>
public sealed record SlaClockStatus(TrackedClock Clock, SlaStatus Status);
