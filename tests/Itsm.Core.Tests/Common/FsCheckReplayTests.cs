using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// A failing property names the seed it ran with, and that seed replays the same failure (docs/testing.md,
/// "Replaying a failure"): the runner that <c>Check.One</c> and the contract suite use, and the one behind
/// <c>[Property]</c>, print it the same way.
/// </summary>
public sealed partial class FsCheckReplayTests
{
    private static readonly Property FailsAboveFifty = Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), x => x <= 50);

    [Fact]
    public void AFailure_PrintsASeedThatReplaysTheSameCounterexample()
    {
        var first = Assert.ThrowsAny<System.Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), FailsAboveFifty)).Message;
        var seed = Seed().Match(first);
        Assert.True(seed.Success, first);

        var replayed = Assert.ThrowsAny<System.Exception>(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(100).WithReplay(ulong.Parse(seed.Groups[1].Value), ulong.Parse(seed.Groups[2].Value)),
            FailsAboveFifty)).Message;

        Assert.Equal(Original(first), Original(replayed));
    }

    private static string Original(string message) => message[message.IndexOf("Original:", System.StringComparison.Ordinal)..];

    [GeneratedRegex(@"Falsifiable, after \d+ tests? \(\d+ shrinks?\) \((\d+),(\d+)\)")]
    private static partial Regex Seed();
}
