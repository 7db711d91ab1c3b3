using System.Threading;

namespace Itsm.Hosting;

/// <summary>
/// Serializes the work on one (tenant, consumer): the dispatcher's deliveries, a replay of parked entries and a
/// checkpoint reset never overlap, so a handler is never called twice at once for one tenant and a reset is never
/// overwritten by a delivery that was under way.
/// </summary>
internal sealed class FeedConsumerGate
{
    private long _generation;

    /// <summary>Held while delivering one entry and saving its checkpoint, while replaying one parked entry, and while resetting.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Raised by every checkpoint reset: a delivery loop that read its checkpoint under an older generation reads it again.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Marks the checkpoint as changed from outside the delivery loop (call while holding <see cref="Lock"/>).</summary>
    public void MarkReset() => Interlocked.Increment(ref _generation);
}
