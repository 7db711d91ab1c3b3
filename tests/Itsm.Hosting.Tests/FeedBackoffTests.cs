using System;
using FsCheck.Xunit;

namespace Itsm.Hosting.Tests;

/// <summary>The wait between attempts: exponential, capped, jittered into the upper half.</summary>
public sealed class FeedBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(60, 10)]
    [InlineData(int.MaxValue, 10)]
    public void The_ceiling_doubles_from_the_initial_backoff_up_to_the_maximum(int failures, int ceilingSeconds)
    {
        var initial = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(10);

        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2.0), FeedBackoff.Delay(failures, initial, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), FeedBackoff.Delay(failures, initial, max, 1));
    }

    [Property]
    public bool Every_wait_lies_between_half_the_ceiling_and_the_ceiling(byte failures, ushort initialMs, ushort extraMs, byte randomPercent)
    {
        var initial = TimeSpan.FromMilliseconds(initialMs + 1);
        var max = initial + TimeSpan.FromMilliseconds(extraMs);
        int n = failures + 1;
        var delay = FeedBackoff.Delay(n, initial, max, Math.Min(randomPercent, (byte)99) / 100.0);
        double ceiling = Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, Math.Min(n - 1, 62)));
        return delay.Ticks >= (long)(ceiling / 2) - 1 && delay.Ticks <= (long)ceiling && delay <= max;
    }
}
