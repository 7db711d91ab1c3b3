using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>The writer of the calendar JSON: what <see cref="Read"/> reads back into an equal calendar.</summary>
internal static partial class BusinessCalendarJson
{
    internal static string Write(BusinessCalendar calendar)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("zone", calendar.Zone.Id);
            writer.WriteStartObject("week");
            for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
            {
                var hours = calendar.GetWeeklyHours(day);
                if (hours.Count == 0)
                {
                    continue;
                }

                writer.WriteStartArray(day.ToString());
                foreach (var range in hours)
                {
                    writer.WriteStringValue(range.ToString());
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("holidays");
            foreach (var date in calendar.Holidays)
            {
                writer.WriteStringValue(DatePattern.Format(date));
            }

            writer.WriteEndArray();
            writer.WriteStartArray("closures");
            foreach (var closure in calendar.Closures)
            {
                WriteDatedHours(writer, closure.Date, closure.Hours);
            }

            writer.WriteEndArray();

            // Written only when there are any, so calendars without openings write what they always did.
            if (calendar.Openings.Count > 0)
            {
                writer.WriteStartArray("openings");
                foreach (var opening in calendar.Openings)
                {
                    WriteDatedHours(writer, opening.Date, opening.Hours);
                }

                writer.WriteEndArray();
            }
            if (calendar.RecurringHolidays.Count > 0)
            {
                writer.WriteStartArray("recurringHolidays");
                foreach (var rule in calendar.RecurringHolidays)
                {
                    WriteRule(writer, rule);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRule(Utf8JsonWriter writer, HolidayRule rule)
    {
        writer.WriteStartObject();
        if (rule.Name is not null)
        {
            writer.WriteString("name", rule.Name);
        }

        switch (rule.Kind)
        {
            case HolidayRuleKind.FixedDate:
                writer.WriteNumber("month", rule.Month);
                writer.WriteNumber("day", rule.Day);
                break;
            case HolidayRuleKind.NthWeekdayOfMonth:
                writer.WriteNumber("month", rule.Month);
                writer.WriteString("weekday", rule.Weekday.ToString());
                writer.WriteNumber("occurrence", rule.Occurrence);
                break;
            case HolidayRuleKind.LastWeekdayOfMonth:
                writer.WriteNumber("month", rule.Month);
                writer.WriteString("weekday", rule.Weekday.ToString());
                writer.WriteString("occurrence", "last");
                break;
            default:
                writer.WriteNumber("easterOffset", rule.EasterOffsetDays);
                break;
        }

        if (rule.Observance != HolidayObservance.Actual)
        {
            writer.WriteString("observed", ObservanceName(rule.Observance));
        }

        if (rule.FromYear is int from)
        {
            writer.WriteNumber("fromYear", from);
        }

        if (rule.ToYear is int to)
        {
            writer.WriteNumber("toYear", to);
        }

        writer.WriteEndObject();
    }

    private static string ObservanceName(HolidayObservance observance) => observance switch
    {
        HolidayObservance.NearestWeekday => "nearestWeekday",
        HolidayObservance.NextWeekday => "nextWeekday",
        _ => "actual",
    };

    private static void WriteDatedHours(Utf8JsonWriter writer, LocalDate date, TimeOfDayRange hours)
    {
        writer.WriteStartObject();
        writer.WriteString("date", DatePattern.Format(date));
        writer.WriteString("from", TimeOfDayRange.FormatNanos(hours.StartNanos));
        writer.WriteString("to", TimeOfDayRange.FormatNanos(hours.EndNanos));
        writer.WriteEndObject();
    }
}
