using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>Zones, calendars and instants the facts share.</summary>
internal static class TestCalendars
{
    public static DateTimeZone London { get; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static DateTimeZone NewYork { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static DateTimeZone LordHowe { get; } = DateTimeZoneProviders.Tzdb["Australia/Lord_Howe"];

    public static DateTimeZone Chatham { get; } = DateTimeZoneProviders.Tzdb["Pacific/Chatham"];

    public static DateTimeZone Apia { get; } = DateTimeZoneProviders.Tzdb["Pacific/Apia"];

    public static DateTimeZone SaoPaulo { get; } = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];

    public static DateTimeZone Kolkata { get; } = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    /// <summary>Monday to Friday, 09:00-17:00.</summary>
    public static BusinessCalendarBuilder NineToFive(DateTimeZone zone) =>
        BusinessCalendar.CreateBuilder(zone).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0));

    /// <summary>The same hours on every day of the week.</summary>
    public static BusinessCalendarBuilder EveryDay(DateTimeZone zone, TimeOfDayRange hours)
    {
        var builder = BusinessCalendar.CreateBuilder(zone);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            builder.AddWorkingHours(day, hours);
        }

        return builder;
    }

    /// <summary>The instant of an unambiguous wall-clock time.</summary>
    public static Instant Local(this DateTimeZone zone, int year, int month, int day, int hour, int minute = 0) =>
        zone.AtStrictly(new LocalDateTime(year, month, day, hour, minute)).ToInstant();

    /// <summary>The first instant of a local date.</summary>
    public static Instant StartOf(this DateTimeZone zone, int year, int month, int day) =>
        zone.AtStartOfDay(new LocalDate(year, month, day)).ToInstant();

    public static Instant Utc(int year, int month, int day, int hour, int minute = 0) => Instant.FromUtc(year, month, day, hour, minute);
}
