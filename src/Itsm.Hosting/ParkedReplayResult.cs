using System.Collections.Generic;
using Itsm.Persistence;

namespace Itsm.Hosting;

/// <summary>What <see cref="ItsmFeedAdmin.ReplayParkedAsync"/> did: the entries now handled, and those still parked.</summary>
public sealed class ParkedReplayResult
{
    internal ParkedReplayResult(IReadOnlyList<long> delivered, IReadOnlyList<ParkedEvent> stillParked)
    {
        Delivered = delivered;
        StillParked = stillParked;
    }

    /// <summary>The positions the handler handled this time, in order; they are unparked.</summary>
    public IReadOnlyList<long> Delivered { get; }

    /// <summary>
    /// The entries the handler failed on again, as parked now (the new reason, time and attempt count), in
    /// position order; replay them again later.
    /// </summary>
    public IReadOnlyList<ParkedEvent> StillParked { get; }
}
