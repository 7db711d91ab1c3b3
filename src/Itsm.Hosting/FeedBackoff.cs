using System;

namespace Itsm.Hosting;

/// <summary>The wait before the next attempt: exponential, capped, with jitter.</summary>
internal static class FeedBackoff
{
    /// <summary>The wait after <paramref name="failures"/> consecutive failures.</summary>
    /// <param name="failures">The failures so far: 1 or more.</param>
    /// <param name="initial">The ceiling after the first failure.</param>
    /// <param name="max">The highest ceiling.</param>
    /// <param name="random">A number in [0, 1): 0 waits half the ceiling, nearly 1 the whole ceiling.</param>
    /// <returns>A wait between half the ceiling and the ceiling, the ceiling being <c>min(max, initial × 2^(failures − 1))</c>.</returns>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max, double random)
    {
        double ceiling = Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, Math.Min(failures - 1, 62)));
        return TimeSpan.FromTicks((long)((ceiling / 2) + (random * ceiling / 2)));
    }

    /// <summary>The wait after <paramref name="failures"/> failures with the dispatcher's settings and random jitter.</summary>
    public static TimeSpan Delay(int failures, ItsmFeedDispatcherOptions options) =>
#pragma warning disable CA5394 // Jitter, not security.
        Delay(failures, options.InitialBackoff, options.MaxBackoff, Random.Shared.NextDouble());
#pragma warning restore CA5394
}
