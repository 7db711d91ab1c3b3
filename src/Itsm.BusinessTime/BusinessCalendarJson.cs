using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Itsm.Text;

namespace Itsm.BusinessTime;

/// <summary>Reads and writes the JSON definition of a <see cref="BusinessCalendar"/> (docs/business-calendar-json.md); the writer is in BusinessCalendarJson.Write.cs.</summary>
internal static partial class BusinessCalendarJson
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    internal static BusinessCalendar Read(string json, IDateTimeZoneProvider zoneProvider)
    {
        const string ParamName = "json";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new BusinessCalendarDefinitionException([$"the text is not valid JSON: {QuotedText.Message(ex.Message)}"], ParamName);
        }
        catch (ArgumentException)
        {
            // The parser refuses a string it cannot transcode to UTF-8 with a bare ArgumentException.
            throw new BusinessCalendarDefinitionException(["the text is not valid JSON: it holds an unpaired surrogate."], ParamName);
        }

        using (document)
        {
            if (JsonText.FindInvalid(document.RootElement) is { } problem)
            {
                throw new BusinessCalendarDefinitionException([problem], ParamName);
            }

            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BusinessCalendarDefinitionException(["the definition must be a JSON object with 'zone' and 'week'."], ParamName);
            }

            DateTimeZone? zone = null;
            var week = new List<TimeOfDayRange>[] { [], [], [], [], [], [], [] };
            var holidays = new List<LocalDate>();
            var closures = new List<Closure>();
            var openings = new List<Opening>();
            var rules = new List<HolidayRule>();
            bool sawWeek = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "zone":
                        zone = ReadZone(property.Value, zoneProvider, errors);
                        break;
                    case "week":
                        sawWeek = true;
                        ReadWeek(property.Value, week, errors);
                        break;
                    case "holidays":
                        ReadHolidays(property.Value, holidays, errors);
                        break;
                    case "closures":
                        ReadDatedHours(property.Value, "closures", "closure", (date, hours) => closures.Add(new Closure(date, hours)), errors);
                        break;
                    case "openings":
                        ReadDatedHours(property.Value, "openings", "opening", (date, hours) => openings.Add(new Opening(date, hours)), errors);
                        break;
                    case "recurringHolidays":
                        ReadRules(property.Value, rules, errors);
                        break;
                    default:
                        errors.Add($"'{QuotedText.Of(property.Name)}' is not a calendar property (expected zone, week, holidays, closures, openings, recurringHolidays).");
                        break;
                }
            }

            if (!root.TryGetProperty("zone", out _))
            {
                errors.Add("zone: the time zone id is missing (an IANA id such as \"Europe/London\").");
            }

            if (!sawWeek)
            {
                errors.Add("week: the weekly working hours are missing.");
            }

            if (zone is null)
            {
                throw new BusinessCalendarDefinitionException(errors, ParamName);
            }

            return BusinessCalendar.Create(zone, week, holidays, rules, closures, openings, ParamName, errors);
        }
    }

    private static DateTimeZone? ReadZone(JsonElement element, IDateTimeZoneProvider provider, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add("zone: must be a string, an IANA time zone id such as \"Europe/London\".");
            return null;
        }

        string id = element.GetString()!;
        var zone = provider.GetZoneOrNull(id);
        if (zone is null)
        {
            errors.Add($"zone: '{QuotedText.Of(id)}' is not a known time zone id (expected an IANA id such as \"Europe/London\").");
        }

        return zone;
    }

    private static void ReadWeek(JsonElement element, List<TimeOfDayRange>[] week, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("week: must be an object mapping day names (Monday to Sunday) to lists of \"HH:mm-HH:mm\" ranges.");
            return;
        }

        foreach (var day in element.EnumerateObject())
        {
            if (!TryParseDay(day.Name, out var isoDay))
            {
                errors.Add($"week: '{QuotedText.Of(day.Name)}' is not a day name (expected Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday).");
                continue;
            }

            string path = "week." + isoDay;
            if (day.Value.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{path}: must be a list of \"HH:mm-HH:mm\" ranges.");
                continue;
            }

            int i = 0;
            foreach (var item in day.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"{path}[{i}]: must be a string \"HH:mm-HH:mm\".");
                }
                else if (TimeOfDayRange.TryParse(item.GetString()!, out var range, out string error))
                {
                    week[(int)isoDay - 1].Add(range);
                }
                else
                {
                    errors.Add($"{path}[{i}]: {error}");
                }

                i++;
            }
        }
    }

    private static void ReadHolidays(JsonElement element, List<LocalDate> holidays, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add("holidays: must be a list of \"yyyy-MM-dd\" dates.");
            return;
        }

        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (TryReadDate(item, $"holidays[{i}]", errors, out var date))
            {
                holidays.Add(date);
            }

            i++;
        }
    }

    // Closures and openings share a shape: { "date", "from", "to" }.
    private static void ReadDatedHours(JsonElement element, string listName, string itemName, Action<LocalDate, TimeOfDayRange> add, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(listName + ": must be a list of { \"date\": \"yyyy-MM-dd\", \"from\": \"HH:mm\", \"to\": \"HH:mm\" } objects.");
            return;
        }

        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string path = $"{listName}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object with 'date', 'from' and 'to'.");
                continue;
            }

            LocalDate? date = null;
            string? from = null;
            string? to = null;
            foreach (var property in item.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "date":
                        date = TryReadDate(property.Value, path + ".date", errors, out var d) ? d : null;
                        break;
                    case "from":
                        from = ReadString(property.Value, path + ".from", "a time \"HH:mm\"", errors);
                        break;
                    case "to":
                        to = ReadString(property.Value, path + ".to", "a time \"HH:mm\" (24:00 for the end of the day)", errors);
                        break;
                    default:
                        errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a{(itemName == "opening" ? "n" : "")} {itemName} property (expected date, from, to).");
                        break;
                }
            }

            foreach (var (name, value) in new[] { ("date", (object?)date), ("from", from), ("to", to) })
            {
                if (value is null && !item.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: '{QuotedText.Of(name)}' is missing.");
                }
            }

            if (date is LocalDate itemDate && from is not null && to is not null)
            {
                if (TimeOfDayRange.TryParse(from + "-" + to, out var range, out string error))
                {
                    add(itemDate, range);
                }
                else
                {
                    errors.Add($"{path}: {error}");
                }
            }
        }
    }

    private static void ReadRules(JsonElement element, List<HolidayRule> rules, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add("recurringHolidays: must be a list of rule objects.");
            return;
        }

        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string path = $"recurringHolidays[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object.");
                continue;
            }

            int before = errors.Count;
            string? name = null;
            int? month = null, day = null, easterOffset = null, occurrence = null, fromYear = null, toYear = null;
            bool last = false;
            IsoDayOfWeek? weekday = null;
            var observance = HolidayObservance.Actual;
            foreach (var property in item.EnumerateObject())
            {
                string at = path + "." + QuotedText.Of(property.Name);
                switch (property.Name)
                {
                    case "name":
                        name = ReadString(property.Value, at, "a string", errors);
                        break;
                    case "month":
                        month = ReadInt(property.Value, at, 1, 12, errors);
                        break;
                    case "day":
                        day = ReadInt(property.Value, at, 1, 31, errors);
                        break;
                    case "easterOffset":
                        easterOffset = ReadInt(property.Value, at, -200, 200, errors);
                        break;
                    case "fromYear":
                        fromYear = ReadInt(property.Value, at, 1, 9999, errors);
                        break;
                    case "toYear":
                        toYear = ReadInt(property.Value, at, 1, 9999, errors);
                        break;
                    case "weekday":
                        string? weekdayName = ReadString(property.Value, at, "a day name", errors);
                        if (weekdayName is not null)
                        {
                            if (TryParseDay(weekdayName, out var parsed))
                            {
                                weekday = parsed;
                            }
                            else
                            {
                                errors.Add($"{at}: '{QuotedText.Of(weekdayName)}' is not a day name (expected Monday to Sunday).");
                            }
                        }

                        break;
                    case "occurrence":
                        if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "last")
                        {
                            last = true;
                        }
                        else
                        {
                            occurrence = ReadInt(property.Value, at, 1, 5, errors, "a number from 1 to 5, or \"last\"");
                        }

                        break;
                    case "observed":
                        string? observed = ReadString(property.Value, at, "a string", errors);
                        switch (observed)
                        {
                            case null:
                                break;
                            case "actual":
                                observance = HolidayObservance.Actual;
                                break;
                            case "nearestWeekday":
                                observance = HolidayObservance.NearestWeekday;
                                break;
                            case "nextWeekday":
                                observance = HolidayObservance.NextWeekday;
                                break;
                            default:
                                errors.Add($"{at}: '{QuotedText.Of(observed)}' is not an observance (expected actual, nearestWeekday or nextWeekday).");
                                break;
                        }

                        break;
                    default:
                        errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a rule property (expected name, month, day, weekday, occurrence, easterOffset, observed, fromYear, toYear).");
                        break;
                }
            }

            if (errors.Count > before)
            {
                continue;
            }

            HolidayRule? rule = null;
            bool hasWeekday = item.TryGetProperty("weekday", out _);
            bool hasOccurrence = item.TryGetProperty("occurrence", out _);
            if (easterOffset is int offset)
            {
                if (month is not null || day is not null || hasWeekday || hasOccurrence)
                {
                    errors.Add($"{path}: an Easter-relative rule takes only 'easterOffset' (no month, day, weekday or occurrence).");
                }
                else
                {
                    rule = HolidayRule.EasterRelative(offset);
                }
            }
            else if (hasWeekday || hasOccurrence)
            {
                if (month is null || weekday is null || (!last && occurrence is null) || day is not null)
                {
                    errors.Add($"{path}: a weekday rule needs 'month', 'weekday' and 'occurrence' (1-5 or \"last\"), and no 'day'.");
                }
                else
                {
                    rule = last
                        ? HolidayRule.LastWeekdayOfMonth(month.Value, weekday.Value)
                        : HolidayRule.NthWeekdayOfMonth(month.Value, weekday.Value, occurrence!.Value);
                }
            }
            else if (month is int m && day is int d)
            {
                int maxDay = m == 2 ? 29 : CalendarSystem.Iso.GetDaysInMonth(2001, m);
                if (d > maxDay)
                {
                    errors.Add($"{path}: month {m} has no day {d}.");
                }
                else
                {
                    rule = HolidayRule.FixedDate(m, d);
                }
            }
            else
            {
                errors.Add($"{path}: a rule needs 'month' and 'day', or 'month', 'weekday' and 'occurrence', or 'easterOffset'.");
            }

            if (fromYear > toYear)
            {
                errors.Add($"{path}: 'toYear' {toYear} is before 'fromYear' {fromYear}.");
                rule = null;
            }

            if (rule is not null)
            {
                rules.Add(rule.WithObservance(observance).WithName(name).InYears(fromYear, toYear));
            }
        }
    }

    private static bool TryParseDay(string name, out IsoDayOfWeek day)
    {
        day = IsoDayOfWeek.None;
        for (var candidate = IsoDayOfWeek.Monday; candidate <= IsoDayOfWeek.Sunday; candidate++)
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool TryReadDate(JsonElement element, string path, List<string> errors, out LocalDate date)
    {
        date = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: must be a date string \"yyyy-MM-dd\".");
            return false;
        }

        string text = element.GetString()!;
        var result = DatePattern.Parse(text);
        if (!result.Success)
        {
            errors.Add($"{path}: '{QuotedText.Of(text)}' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").");
            return false;
        }

        date = result.Value;
        return true;
    }

    private static string? ReadString(JsonElement element, string path, string expected, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: must be {expected}.");
            return null;
        }

        return element.GetString();
    }

    private static int? ReadInt(JsonElement element, string path, int min, int max, List<string> errors, string? expected = null)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be {expected ?? $"a whole number from {min} to {max}"}."));
        return null;
    }
}
