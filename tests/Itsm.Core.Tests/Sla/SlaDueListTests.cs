using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary><see cref="SlaDueList{TKey}"/>: one timer for many clocks.</summary>
public sealed class SlaDueListTests
{
    [Fact]
    public void ANewList_IsEmpty()
    {
        var list = new SlaDueList<string>();

        Assert.Equal(0, list.Count);
        Assert.Null(list.NextDue);
        Assert.Empty(list.TakeDue(Tue(9)));
        Assert.False(list.TryGetDue("INC1", out _));
    }

    [Fact]
    public void NextDue_IsTheEarliestScheduledInstant()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(12));
        list.Schedule("INC2", Mon(10));
        list.Schedule("INC3", Mon(11));

        Assert.Equal(Mon(10), list.NextDue);
        Assert.Equal(3, list.Count);
    }

    [Fact]
    public void TakeDue_ReturnsTheClocksDueAtOrBeforeNow_EarliestFirst_AndRemovesThem()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(12));
        list.Schedule("INC2", Mon(10));
        list.Schedule("INC3", Mon(11));
        list.Schedule("INC4", Mon(9));

        var due = list.TakeDue(Mon(11));

        Assert.Equal(new[] { "INC4", "INC2", "INC3" }, due);
        Assert.Equal(1, list.Count);
        Assert.Equal(Mon(12), list.NextDue);
        Assert.False(list.TryGetDue("INC2", out _));
        Assert.Empty(list.TakeDue(Mon(11)));
    }

    [Fact]
    public void TakeDue_BeforeAnythingIsDue_TakesNothing()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(12));

        Assert.Empty(list.TakeDue(Mon(12) - OneNanosecond));
        Assert.Equal(1, list.Count);
    }

    [Fact]
    public void TakeDue_IntoACollection_AddsTheClocksAndReturnsHowMany()
    {
        var list = new SlaDueList<int>();
        list.Schedule(1, Mon(10));
        list.Schedule(2, Mon(9));
        var due = new List<int> { 99 };

        int taken = list.TakeDue(Mon(10), due);

        Assert.Equal(2, taken);
        Assert.Equal(new[] { 99, 2, 1 }, due);
    }

    [Fact]
    public void Schedule_AgainLater_ReplacesTheEarlierSchedule()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Schedule("INC1", Mon(12));

        Assert.Equal(1, list.Count);
        Assert.Equal(Mon(12), list.NextDue);
        Assert.True(list.TryGetDue("INC1", out var due));
        Assert.Equal(Mon(12), due);
        Assert.Empty(list.TakeDue(Mon(11)));
        Assert.Equal(new[] { "INC1" }, list.TakeDue(Mon(12)));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Schedule_AgainEarlier_ReplacesTheLaterScheduleAndIsTakenOnce()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(12));
        list.Schedule("INC1", Mon(10));

        Assert.Equal(Mon(10), list.NextDue);
        Assert.Equal(new[] { "INC1" }, list.TakeDue(Mon(10)));
        Assert.Null(list.NextDue);
        Assert.Empty(list.TakeDue(Tue(9)));
    }

    [Fact]
    public void Schedule_BackToAnEarlierInstant_IsTakenOnce()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Schedule("INC1", Mon(12));
        list.Schedule("INC1", Mon(10));

        Assert.Equal(new[] { "INC1" }, list.TakeDue(Tue(9)));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Schedule_TheSameInstantTwice_KeepsOneEntry()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Schedule("INC1", Mon(10));

        Assert.Equal(1, list.Count);
        Assert.Equal(new[] { "INC1" }, list.TakeDue(Mon(10)));
        Assert.Empty(list.TakeDue(Mon(10)));
    }

    [Fact]
    public void Schedule_Null_RemovesTheClock()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Schedule("INC2", Mon(11));

        list.Schedule("INC1", null);

        Assert.Equal(1, list.Count);
        Assert.Equal(Mon(11), list.NextDue);
        Assert.Equal(new[] { "INC2" }, list.TakeDue(Tue(9)));
    }

    [Fact]
    public void Schedule_NullForAnUnscheduledClock_DoesNothing()
    {
        var list = new SlaDueList<string>();

        list.Schedule("INC1", null);

        Assert.Equal(0, list.Count);
        Assert.Null(list.NextDue);
    }

    [Fact]
    public void Remove_UnschedulesTheClock()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Schedule("INC2", Mon(11));

        Assert.True(list.Remove("INC1"));
        Assert.False(list.Remove("INC1"));
        Assert.Equal(Mon(11), list.NextDue);
        Assert.Equal(new[] { "INC2" }, list.TakeDue(Tue(9)));
    }

    [Fact]
    public void Remove_ThenScheduleAgainAtTheSameInstant_IsTakenOnce()
    {
        var list = new SlaDueList<string>();
        list.Schedule("INC1", Mon(10));
        list.Remove("INC1");
        list.Schedule("INC1", Mon(10));

        Assert.Equal(new[] { "INC1" }, list.TakeDue(Mon(10)));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Schedule_AStatus_UsesItsNextThresholdInstant()
    {
        var running = Timeline(SlaEvent.Started(Fri(16), Hours(4)));
        var paused = running.Append(SlaEvent.Paused(Mon(9)));
        var list = new SlaDueList<string>();

        list.Schedule("INC1", running.Evaluate(Fri(16)));
        Assert.True(list.TryGetDue("INC1", out var due));
        Assert.Equal(Mon(10), due);

        list.Schedule("INC1", paused.Evaluate(Mon(9)));
        Assert.False(list.TryGetDue("INC1", out _));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void ATimerLoop_VisitsEveryThresholdOfEveryClockInOrder()
    {
        // Two clocks; the host waits for NextDue, evaluates the clocks due, schedules them again.
        var clocks = new Dictionary<string, SlaTimeline>
        {
            ["INC1"] = Timeline(SlaEvent.Started(Fri(16), Hours(4))),
            ["INC2"] = Timeline(SlaEvent.Started(Mon(9), Hours(1))),
        };
        var list = new SlaDueList<string>();
        list.Schedule("INC1", clocks["INC1"].Evaluate(Fri(16)));
        list.Schedule("INC2", clocks["INC2"].Evaluate(Mon(9)));
        var fired = new List<(Instant, string)>();
        int rounds = 0;

        while (list.NextDue is Instant now)
        {
            Assert.True(++rounds < 100, "the timer loop does not end: the clocks due are not taken, or are due again at once");
            foreach (var key in list.TakeDue(now))
            {
                fired.Add((now, key));
                list.Schedule(key, clocks[key].Evaluate(now));
            }
        }

        Assert.Equal(
            new[]
            {
                (Mon(9, 30), "INC2"), (Mon(9, 45), "INC2"), (Mon(10), "INC1"), (Mon(10), "INC2"), (Mon(11), "INC1"), (Mon(12), "INC1"),
            },
            fired.OrderBy(f => f.Item1).ThenBy(f => f.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public void ManyReschedules_KeepTheOrderAndTheCount()
    {
        var list = new SlaDueList<int>();
        var expected = new Dictionary<int, Instant>();
        var random = new Random(12345);
        for (int i = 0; i < 2_000; i++)
        {
            int key = random.Next(20);
            var at = Mon(9) + Duration.FromMinutes(random.Next(0, 600));
            list.Schedule(key, at);
            expected[key] = at;
            if (random.Next(10) == 0)
            {
                list.Remove(key);
                expected.Remove(key);
            }
        }

        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected.Values.Min(), list.NextDue);
        var taken = list.TakeDue(Tue(9));
        Assert.Equal(expected.Keys.Order(), taken.Order());
        Assert.Equal(taken.Select(k => expected[k]).Order(), taken.Select(k => expected[k]));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void AComparer_DecidesWhichKeysAreTheSame()
    {
        var list = new SlaDueList<string>(StringComparer.OrdinalIgnoreCase);
        list.Schedule("inc1", Mon(10));
        list.Schedule("INC1", Mon(12));

        Assert.Equal(1, list.Count);
        Assert.Equal(Mon(12), list.NextDue);
    }

    [Fact]
    public void ACapacity_IsRoomNotALimit()
    {
        var list = new SlaDueList<int>(2, null);
        for (int i = 0; i < 10; i++)
        {
            list.Schedule(i, Mon(9) + Duration.FromMinutes(10 - i));
        }

        Assert.Equal(10, list.Count);
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), list.TakeDue(Tue(9)));
    }

    [Fact]
    public void ANegativeCapacity_ThrowsArgumentOutOfRange()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new SlaDueList<int>(-1, null)).ParamName);
    }

    [Fact]
    public void NullArguments_ThrowArgumentNull()
    {
        var list = new SlaDueList<string>();

        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => list.Schedule(null!, Mon(10))).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => list.Remove(null!)).ParamName);
        Assert.Equal("due", Assert.Throws<ArgumentNullException>(() => list.TakeDue(Mon(10), null!)).ParamName);
    }
}
