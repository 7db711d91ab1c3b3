using NodaTime;

namespace Itsm.Import;

/// <summary>The clock a replayed incident takes its instants from: set to each event's original instant before its command.</summary>
internal sealed class ReplayClock : IClock
{
    internal Instant Now { get; set; }

    public Instant GetCurrentInstant() => Now;
}
