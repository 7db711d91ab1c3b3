using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;

namespace Itsm.Core.Tests.Changes;

public sealed class ChangeCalendarTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 30, 0, 0);

    private static Interval Hours(int from, int to) => new(Monday + Duration.FromHours(from), Monday + Duration.FromHours(to));

    private static ScheduledChange Change(int from, int to, string[]? services = null, string[]? items = null, ChangeType type = ChangeType.Normal) =>
        new(ChangeId.New(), type, Hours(from, to), services ?? [], items ?? []);

    [Fact]
    public void CheckConflicts_OnAnEmptyCalendar_FindsNone()
    {
        Assert.Empty(ChangeCalendar.Empty.CheckConflicts(Change(1, 2, ["Email"])));
    }

    [Fact]
    public void CheckConflicts_ReportsAnOverlappingChangeOnTheSameService_WithTheSharedItems()
    {
        var existing = Change(1, 3, ["Email"], ["mx01"]);
        var calendar = new ChangeCalendar([existing]);

        var conflicts = calendar.CheckConflicts(Change(2, 4, ["Email", "Web"], ["mx01"]));

        var conflict = Assert.Single(conflicts);
        Assert.Equal(ScheduleConflictKind.OverlappingChange, conflict.Kind);
        Assert.True(conflict.IsBlocking);
        Assert.Equal(existing.Id, conflict.OtherChange);
        Assert.Equal(["service:Email", "ci:mx01"], conflict.SharedItems);
    }

    [Fact]
    public void CheckConflicts_WindowsThatOnlyTouch_DoNotConflict()
    {
        var calendar = new ChangeCalendar([Change(1, 3, ["Email"])]);

        Assert.Empty(calendar.CheckConflicts(Change(3, 5, ["Email"])));
        Assert.Empty(calendar.CheckConflicts(Change(0, 1, ["Email"])));
    }

    [Fact]
    public void CheckConflicts_OverlappingWindowsOnOtherItems_DoNotConflict()
    {
        var calendar = new ChangeCalendar([Change(1, 3, ["Email"], ["mx01"])]);

        Assert.Empty(calendar.CheckConflicts(Change(1, 3, ["Web"], ["web01"])));
    }

    [Fact]
    public void CheckConflicts_ReportsEveryConflict_OverlapsByStartThenMaintenanceThenBlackouts()
    {
        var late = Change(5, 9, ["Email"]);
        var early = Change(0, 6, [], ["mx01"]);
        var maintenance = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.WholeDay).Build();
        var freeze = new BlackoutWindow("Year-end freeze", Hours(4, 100), []);
        var calendar = new ChangeCalendar([late, early], [freeze], new Dictionary<string, BusinessCalendar> { ["Email"] = maintenance });

        var conflicts = calendar.CheckConflicts(Change(4, 8, ["Email"], ["mx01"]));

        Assert.Equal(
            [ScheduleConflictKind.OverlappingChange, ScheduleConflictKind.OverlappingChange, ScheduleConflictKind.OutsideMaintenanceWindow, ScheduleConflictKind.Blackout],
            conflicts.Select(c => c.Kind));
        Assert.Equal(early.Id, conflicts[0].OtherChange);
        Assert.Equal(late.Id, conflicts[1].OtherChange);
        Assert.All(conflicts, c => Assert.True(c.IsBlocking));
        Assert.Equal("Email", conflicts[2].Subject);
        Assert.Equal("Year-end freeze", conflicts[3].Subject);
    }

    [Fact]
    public void CheckConflicts_ForAnEmergencyChange_ReportsBlackoutAndMaintenanceAsNonBlocking()
    {
        var maintenance = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.WholeDay).Build();
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Freeze", Hours(0, 48), ["Email"])], new Dictionary<string, BusinessCalendar> { ["Email"] = maintenance });

        var conflicts = calendar.CheckConflicts(Change(1, 2, ["Email"], type: ChangeType.Emergency));

        Assert.Equal([ScheduleConflictKind.OutsideMaintenanceWindow, ScheduleConflictKind.Blackout], conflicts.Select(c => c.Kind));
        Assert.All(conflicts, c => Assert.False(c.IsBlocking));
        Assert.Equal("The window overlaps the blackout 'Freeze' (2026-11-30T00:00:00Z/2026-12-02T00:00:00Z); an emergency change may pass it, and that must be audited.", conflicts[1].Description);
    }

    [Fact]
    public void CheckConflicts_ABlackoutForOtherServices_DoesNotApply()
    {
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Web freeze", Hours(0, 48), ["Web"])]);

        Assert.Empty(calendar.CheckConflicts(Change(1, 2, ["Email"])));
    }

    [Fact]
    public void CheckConflicts_WindowInsideMaintenance_IsFine()
    {
        var nights = BusinessCalendar.CreateBuilder(DateTimeZone.Utc);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            nights.AddWorkingHours(day, new LocalTime(0, 0), new LocalTime(4, 0));
        }

        var calendar = new ChangeCalendar([], null, new Dictionary<string, BusinessCalendar> { ["Email"] = nights.Build() });

        Assert.Empty(calendar.CheckConflicts(Change(1, 4, ["Email"])));
        Assert.Single(calendar.CheckConflicts(Change(3, 5, ["Email"])));
    }

    [Fact]
    public void CheckConflicts_ReschedulingAChange_DoesNotConflictWithItself()
    {
        var change = Change(1, 3, ["Email"]);
        var calendar = new ChangeCalendar([change]);

        Assert.Empty(calendar.CheckConflicts(change.WithWindow(Hours(2, 4))));
    }

    [Fact]
    public void FindNextFreeSlot_SkipsBusyWindowsBlackoutsAndMaintenanceGaps()
    {
        var nights = BusinessCalendar.CreateBuilder(DateTimeZone.Utc);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            nights.AddWorkingHours(day, new LocalTime(0, 0), new LocalTime(6, 0));
        }

        var busy = Change(0, 2, ["Email"]);
        var calendar = new ChangeCalendar(
            [busy],
            [new BlackoutWindow("Freeze", Hours(2, 3), [])],
            new Dictionary<string, BusinessCalendar> { ["Email"] = nights.Build() });
        var candidate = Change(0, 4, ["Email"]);

        // 00-02 busy, 02-03 frozen, 03-07 leaves maintenance at 06: the next night, 24:00-04:00.
        Assert.Equal(Hours(24, 28), calendar.FindNextFreeSlot(candidate, Monday, Monday + Duration.FromDays(7)));
        Assert.Equal(Hours(3, 5), calendar.FindNextFreeSlot(Change(0, 2, ["Email"]), Monday, Monday + Duration.FromDays(7)));
        Assert.Null(calendar.FindNextFreeSlot(candidate, Monday, Monday + Duration.FromHours(20)));
    }

    [Fact]
    public void FindNextFreeSlot_ForAnEmergencyChange_PassesTheBlackout()
    {
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Freeze", Hours(0, 48), [])]);

        Assert.Equal(Hours(0, 1), calendar.FindNextFreeSlot(Change(5, 6, ["Email"], type: ChangeType.Emergency), Monday, Monday + Duration.FromDays(1)));
        Assert.Equal(Hours(48, 49), calendar.FindNextFreeSlot(Change(5, 6, ["Email"]), Monday, Monday + Duration.FromDays(3)));
    }

    [Fact]
    public void WithAndWithout_ReturnNewCalendars()
    {
        var change = Change(1, 3, ["Email"]);
        var calendar = ChangeCalendar.Empty.With(change);

        Assert.Single(calendar.Changes);
        Assert.Empty(ChangeCalendar.Empty.Changes);
        Assert.Single(calendar.CheckConflicts(Change(2, 4, ["Email"])));
        Assert.Empty(calendar.Without(change.Id).CheckConflicts(Change(2, 4, ["Email"])));
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheParameter()
    {
        Assert.Equal("window", Assert.Throws<ArgumentException>(() => new ScheduledChange(ChangeId.New(), ChangeType.Normal, new Interval(Monday, Monday), ["Email"], [])).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentException>(() => new ScheduledChange(ChangeId.New(), ChangeType.Normal, Hours(0, 1), [], [])).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new ScheduledChange(default, ChangeType.Normal, Hours(0, 1), ["Email"], [])).ParamName);
        var change = Change(1, 2, ["Email"]);
        Assert.Equal("changes", Assert.Throws<ArgumentException>(() => new ChangeCalendar([change, change])).ParamName);
        Assert.Equal("notAfter", Assert.Throws<ArgumentException>(() => ChangeCalendar.Empty.FindNextFreeSlot(change, Monday, Monday - Duration.FromHours(1))).ParamName);
    }
}
