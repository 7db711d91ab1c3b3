using System;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.BusinessTime.Tests;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>
/// <see cref="IncidentAutoClosePolicy"/> on a Monday-Friday Europe/London calendar: a resolved,
/// non-major incident is due at the start of the local date after the N-th business day that
/// follows its resolution date.
/// </summary>
public sealed class IncidentAutoClosePolicyTests
{
    private static readonly IncidentAutoClosePolicy ThreeDays = new(3);

    private static readonly Actor AutoCloser = new("itsm.autoclose", "system");

    private static readonly DateTimeZone London = TestCalendars.London;

    private static BusinessCalendar MondayToFriday { get; } = TestCalendars.NineToFive(London).Build();

    /// <summary>A non-major incident resolved at <paramref name="resolvedAt"/>, with its clock left there.</summary>
    private static (Incident Incident, FakeClock Clock) ResolvedAt(Instant resolvedAt, bool major = false)
    {
        var clock = new FakeClock(resolvedAt - Duration.FromHours(1));
        var incident = Open(clock);
        incident.Assign(Agent, new SupportGroupId(DeskGroup));
        if (major)
        {
            incident.PromoteToMajor(IncidentManager, "Everyone is affected.");
        }

        clock.Reset(resolvedAt);
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution);
        return (incident, clock);
    }

    private static Instant LondonMidnight(int year, int month, int day) => London.StartOf(year, month, day);

    // DueAt.

    [Fact]
    public void DueAt_ResolvedOnMondayWithThreeBusinessDays_IsFridayAtLocalMidnight()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));

        Assert.Equal(LondonMidnight(2026, 12, 4), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_ResolvedLateOnMonday_IsStillFridayAtLocalMidnight()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 30, 23, 59));

        Assert.Equal(LondonMidnight(2026, 12, 4), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_SkipsAHoliday()
    {
        var withHoliday = TestCalendars.NineToFive(London).AddHoliday(new LocalDate(2026, 12, 2)).Build();
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));

        // Tuesday, (Wednesday a holiday), Thursday, Friday: due Saturday 00:00.
        Assert.Equal(LondonMidnight(2026, 12, 5), ThreeDays.DueAt(incident, withHoliday));
    }

    [Fact]
    public void DueAt_ResolvedOnFriday_SkipsTheWeekend()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 27, 16, 0));

        // Monday, Tuesday, Wednesday: due Thursday 00:00.
        Assert.Equal(LondonMidnight(2026, 12, 3), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_ResolvedOnSaturday_CountsFromMonday()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 28, 11, 0));

        Assert.Equal(LondonMidnight(2026, 12, 3), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_WithOneBusinessDay_IsTheStartOfTheDayAfterTheNextBusinessDay()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));

        Assert.Equal(LondonMidnight(2026, 12, 2), new IncidentAutoClosePolicy(1).DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_UsesTheResolutionDateInTheCalendarsZone()
    {
        // Monday 2026-06-29 23:30 UTC is Tuesday 00:30 in London (BST): Wednesday, Thursday,
        // Friday, so due Saturday 00:00 BST (Friday 23:00 UTC).
        var (incident, _) = ResolvedAt(Instant.FromUtc(2026, 6, 29, 23, 30));

        Assert.Equal(Instant.FromUtc(2026, 7, 3, 23, 0), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_AcrossTheSpringDaylightSavingChange_IsLocalMidnight()
    {
        // Resolved Thursday 2026-03-26; clocks go forward on Sunday the 29th. Friday, Monday,
        // Tuesday: due Wednesday 1 April 00:00 BST, which is 23:00 UTC on the 31st.
        var (incident, _) = ResolvedAt(London.Local(2026, 3, 26, 15, 0));

        Assert.Equal(Instant.FromUtc(2026, 3, 31, 23, 0), ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_OfAMajorIncident_IsNull()
    {
        var (incident, _) = ResolvedAt(London.Local(2026, 11, 30, 10, 0), major: true);

        Assert.Null(ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Canceled)]
    public void DueAt_OfAnIncidentThatIsNotResolved_IsNull(IncidentState state)
    {
        var incident = InState(state, NewClock());

        Assert.Null(ThreeDays.DueAt(incident, MondayToFriday));
    }

    [Fact]
    public void DueAt_AfterAReopenAndASecondResolution_CountsFromTheSecondResolution()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));
        clock.Reset(London.Local(2026, 12, 2, 10, 0));
        incident.Reopen(Caller, "Again.");
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Replaced it.");

        // Resolved again on Wednesday: Thursday, Friday, Monday; due Tuesday 00:00.
        Assert.Equal(LondonMidnight(2026, 12, 8), ThreeDays.DueAt(incident, MondayToFriday));
    }

    // CloseIfDue.

    [Fact]
    public void CloseIfDue_OneNanosecondBeforeItIsDue_ChangesNothing()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));
        var due = LondonMidnight(2026, 12, 4);
        clock.Reset(due - Duration.FromNanoseconds(1));
        var probe = incident.Probe();

        Assert.False(ThreeDays.CloseIfDue(incident, MondayToFriday, AutoCloser, clock.GetCurrentInstant()));

        probe.AssertUnchanged();
    }

    [Fact]
    public void CloseIfDue_WhenDue_ClosesItAsTheSystemActor()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));
        var due = LondonMidnight(2026, 12, 4);
        clock.Reset(due);
        var probe = incident.Probe();

        Assert.True(ThreeDays.CloseIfDue(incident, MondayToFriday, AutoCloser, clock.GetCurrentInstant()));

        probe.AssertAccepted("Close", IncidentState.Resolved, IncidentState.Closed, AutoCloser, due);
    }

    [Fact]
    public void CloseIfDue_LongAfterItWasDue_ClosesIt()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));
        clock.Reset(London.Local(2027, 1, 15, 12, 0));

        Assert.True(ThreeDays.CloseIfDue(incident, MondayToFriday, AutoCloser, clock.GetCurrentInstant()));
        Assert.Equal(IncidentState.Closed, incident.State);
    }

    [Fact]
    public void CloseIfDue_AMajorIncident_NeverClosesIt()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0), major: true);
        clock.Reset(London.Local(2027, 11, 30, 10, 0));
        var probe = incident.Probe();

        Assert.False(ThreeDays.CloseIfDue(incident, MondayToFriday, AutoCloser, clock.GetCurrentInstant()));

        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Canceled)]
    public void CloseIfDue_AnIncidentThatIsNotResolved_ChangesNothing(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        clock.Advance(Duration.FromDays(365));
        var probe = incident.Probe();

        Assert.False(ThreeDays.CloseIfDue(incident, MondayToFriday, AutoCloser, clock.GetCurrentInstant()));

        probe.AssertUnchanged();
    }

    // Arguments.

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WithNoBusinessDays_ThrowsNamingBusinessDays(int days)
    {
        Assert.Equal("businessDays", Assert.ThrowsAny<ArgumentException>(() => new IncidentAutoClosePolicy(days)).ParamName);
    }

    [Fact]
    public void Constructor_KeepsTheBusinessDays()
    {
        Assert.Equal(3, ThreeDays.BusinessDays);
    }

    [Fact]
    public void DueAtAndCloseIfDue_WithNullArguments_ThrowNamingThem()
    {
        var (incident, clock) = ResolvedAt(London.Local(2026, 11, 30, 10, 0));

        Assert.Equal("incident", Assert.Throws<ArgumentNullException>(() => ThreeDays.DueAt(null!, MondayToFriday)).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentNullException>(() => ThreeDays.DueAt(incident, null!)).ParamName);
        Assert.Equal("systemActor", Assert.Throws<ArgumentNullException>(() =>
            ThreeDays.CloseIfDue(incident, MondayToFriday, null!, clock.GetCurrentInstant())).ParamName);
        Assert.Equal(IncidentState.Resolved, incident.State);
    }
}
