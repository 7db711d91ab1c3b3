using Ardalis.GuardClauses;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A feed entry a consumer gave up on for now: its handler kept failing, so the consumer moved past
/// it and parked it, to be replayed once the cause is fixed. A parked event is never dropped: it
/// stays until the consumer unparks it.
/// </summary>
public sealed record ParkedEvent
{
    /// <summary>The longest reason kept, in characters; longer reasons are cut when created.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>Creates a parked event.</summary>
    /// <param name="position">The entry's feed position; 1 or more.</param>
    /// <param name="reason">Why it was parked (typically the last error's message); cut to <see cref="MaxReasonLength"/> characters.</param>
    /// <param name="parkedAt">When it was parked.</param>
    /// <param name="attempts">How many times the handler ran; 1 or more.</param>
    /// <exception cref="System.ArgumentException"><paramref name="position"/> or <paramref name="attempts"/> is below 1, or <paramref name="reason"/> is blank.</exception>
    public ParkedEvent(long position, string reason, Instant parkedAt, int attempts)
    {
        Guard.Against.NegativeOrZero(position);
        Guard.Against.NullOrWhiteSpace(reason);
        Guard.Against.NegativeOrZero(attempts);
        Position = position;
        Reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        ParkedAt = parkedAt;
        Attempts = attempts;
    }

    /// <summary>The entry's position in the tenant's feed.</summary>
    public long Position { get; }

    /// <summary>Why it was parked.</summary>
    public string Reason { get; }

    /// <summary>When it was parked.</summary>
    public Instant ParkedAt { get; }

    /// <summary>How many times the handler ran before it was parked.</summary>
    public int Attempts { get; }
}
