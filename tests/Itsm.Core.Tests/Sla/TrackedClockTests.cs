using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Sla;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary><see cref="TrackedClock"/>: evaluating a tracked clock on the calendar its target names.</summary>
public sealed class TrackedClockTests
{
    private static TrackedClock P1OpenedFriday1600(SlaTarget target) =>
        Assert.Single(new SlaTracker([AgreementOf(target)]).Track([Ticket("New", P1).At(Fri(16))]));

    [Fact]
    public void Evaluate_WithCalendarsById_UsesTheCalendarTheTargetNames()
    {
        var clock = P1OpenedFriday1600(ResolutionTarget());
        var calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = UkOffice, ["other"] = BusinessCalendar.TwentyFourSeven };

        Assert.Equal(Mon(12), clock.Evaluate(calendars, Fri(16)).BreachInstant);
        Assert.Equal(clock.Evaluate(UkOffice, Mon(11)), clock.Evaluate(calendars, Mon(11)));
    }

    [Fact]
    public void Evaluate_WithCalendarsById_ATargetWithoutACalendarCountsTwentyFourSeven()
    {
        var clock = P1OpenedFriday1600(ResolutionTarget() with { CalendarId = null });

        Assert.Equal(Fri(20), clock.Evaluate(new Dictionary<string, BusinessCalendar>(), Fri(16)).BreachInstant);
    }

    [Fact]
    public void Evaluate_WithCalendarsById_AMissingCalendar_ThrowsKeyNotFound()
    {
        var clock = P1OpenedFriday1600(ResolutionTarget());

        var ex = Assert.Throws<KeyNotFoundException>(() => clock.Evaluate(new Dictionary<string, BusinessCalendar> { ["us-office"] = UkOffice }, Fri(16)));

        Assert.Equal("The calendar 'uk-office' of agreement SLA-1, target Resolution, is not among the calendars given.", ex.Message);
    }

    [Fact]
    public void Evaluate_WithNullCalendars_ThrowsArgumentNull()
    {
        var clock = P1OpenedFriday1600(ResolutionTarget());

        Assert.Equal("calendars", Assert.Throws<ArgumentNullException>(() => clock.Evaluate((IReadOnlyDictionary<string, BusinessCalendar>)null!, Fri(16))).ParamName);
    }
}
