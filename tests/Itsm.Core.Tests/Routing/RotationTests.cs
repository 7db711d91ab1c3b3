using System;
using FsCheck.Xunit;
using Itsm.Routing;
using NodaTime;
using Interval = NodaTime.Interval;
using Xunit;

namespace Itsm.Core.Tests.Routing;

public sealed class RotationTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void WeeklyMondayHandoff_StaysAt0900LocalAcrossDst()
    {
        // Monday 2026-03-23 09:00 GMT; London springs forward on Sunday 2026-03-29.
        var rotation = new Rotation(["ann", "ben"], Period.FromWeeks(1), new LocalDateTime(2026, 3, 23, 9, 0), London);

        Assert.Equal(Instant.FromUtc(2026, 3, 23, 9, 0), rotation.HandoffInstant(0));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), rotation.HandoffInstant(1));
        Assert.Equal(new LocalTime(9, 0), rotation.HandoffInstant(1).InZone(London).TimeOfDay);
        Assert.Equal("ann", rotation.ParticipantAt(Instant.FromUtc(2026, 3, 30, 7, 59)));
        Assert.Equal("ben", rotation.ParticipantAt(Instant.FromUtc(2026, 3, 30, 8, 0)));
    }

    [Fact]
    public void HandoffInAGap_HappensWhenTheClocksJump()
    {
        // 01:30 does not exist in London on 2026-03-29: the clocks jump from 01:00 GMT to 02:00 BST at 01:00Z.
        var rotation = new Rotation(["ann", "ben"], Period.FromDays(1), new LocalDateTime(2026, 3, 28, 1, 30), London);

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), rotation.HandoffInstant(1));
        Assert.Equal("ann", rotation.ParticipantAt(Instant.FromUtc(2026, 3, 29, 0, 59, 59)));
        Assert.Equal("ben", rotation.ParticipantAt(Instant.FromUtc(2026, 3, 29, 1, 0)));
    }

    [Fact]
    public void HandoffInAnOverlap_HappensAtTheEarlierOccurrence()
    {
        // 01:30 occurs twice in London on 2026-10-25: at 00:30Z (BST) and at 01:30Z (GMT).
        var rotation = new Rotation(["ann", "ben"], Period.FromDays(1), new LocalDateTime(2026, 10, 24, 1, 30), London);

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), rotation.HandoffInstant(1));
        Assert.Equal(1, rotation.IndexAt(Instant.FromUtc(2026, 10, 25, 1, 30)));
        Assert.Equal(2, rotation.IndexAt(Instant.FromUtc(2026, 10, 26, 1, 30)));
    }

    [Fact]
    public void BeforeTheFirstHandoff_NobodyHasATurn()
    {
        var rotation = new Rotation(["ann"], Period.FromHours(8), new LocalDateTime(2026, 1, 1, 9, 0), London);

        Assert.Equal(-1, rotation.IndexAt(Instant.FromUtc(2026, 1, 1, 8, 59)));
        Assert.Null(rotation.ParticipantAt(Instant.FromUtc(2025, 1, 1, 0, 0)));
    }

    [Fact]
    public void InvalidDefinitions_NameTheParameter()
    {
        var start = new LocalDateTime(2026, 1, 1, 9, 0);
        Assert.Equal("participants", Assert.Throws<ArgumentException>(() => new Rotation([], Period.FromDays(1), start, London)).ParamName);
        Assert.Equal("participants", Assert.ThrowsAny<ArgumentException>(() => new Rotation(["a", " "], Period.FromDays(1), start, London)).ParamName);
        Assert.Equal("handoffEvery", Assert.Throws<ArgumentException>(() => new Rotation(["a"], Period.FromMonths(1), start, London)).ParamName);
        Assert.Equal("handoffEvery", Assert.Throws<ArgumentException>(() => new Rotation(["a"], Period.FromSeconds(59), start, London)).ParamName);
        Assert.Equal("handoffEvery", Assert.Throws<ArgumentException>(() => new Rotation(["a"], Period.FromHours(-1), start, London)).ParamName);
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => new Rotation(["a"], Period.FromDays(1), start, null!)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => new RotaRestriction(null, new LocalTime(17, 0), new LocalTime(9, 0))).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentException>(() => new RotaRestriction(IsoDayOfWeek.None, new LocalTime(9, 0), new LocalTime(17, 0))).ParamName);
    }

    [Property(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 300)]
    public bool IndexAt_AgreesWithWalkingTheHandoffsFromTheStart(RotaArbitraries.RotationAt c) =>
        c.Rotation.IndexAt(c.At) == ReferenceRota.Index(c.Rotation, c.At);

    [Property(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 300)]
    public bool IndexAt_FarFromTheStart_IsTheLastHandoffAtOrBefore(RotaArbitraries.RotationAt c, int years, int seconds)
    {
        // Up to about 300 years either way: the answer must still be exact, without a walk.
        var at = c.At + Duration.FromDays((long)(years % 300) * 365) + Duration.FromSeconds(seconds);
        long k = c.Rotation.IndexAt(at);
        return k < 0
            ? c.Rotation.HandoffInstant(0) > at
            : c.Rotation.HandoffInstant(k) <= at && at < c.Rotation.HandoffInstant(k + 1);
    }
}
