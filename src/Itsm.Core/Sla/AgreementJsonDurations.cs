using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>Reads and writes target durations as ISO 8601 durations.</summary>
internal static class AgreementJsonDurations
{
    internal static void ReadDurations(JsonElement element, string path, Dictionary<Priority, Duration> durations, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object from priority (\"1\" to \"5\") to an ISO 8601 duration such as \"PT4H\".");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            string at = $"{path}.{QuotedText.Of(property.Name)}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value is < 1 or > 5)
            {
                errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a priority (\"1\" to \"5\").");
                continue;
            }

            var text = AgreementJsonValues.ReadString(property.Value, at, errors);
            if (text is null)
            {
                continue;
            }

            if (TryParseDuration(text, out var duration))
            {
                durations[new Priority(value)] = duration;
            }
            else
            {
                errors.Add($"{at}: '{QuotedText.Of(text)}' is not an ISO 8601 duration of days, hours, minutes and seconds (for example \"PT4H\", \"PT30M\", \"P2DT4H\").");
            }
        }
    }

    internal static bool TryParseDuration(string text, out Duration duration)
    {
        duration = default;
        try
        {
            var result = PeriodPattern.NormalizingIso.Parse(text);
            if (!result.Success || result.Value.Years != 0 || result.Value.Months != 0)
            {
                return false;
            }

            duration = result.Value.ToDuration();
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // Beyond what a period holds (about 292 years of nanoseconds): far longer than any target, so it
            // reads as the longest duration and the agreement's own check names the field and the limit.
            duration = Duration.MaxValue;
        }

        return true;
    }

    // Hours, not days: "P1D" would read as one business day to a person, and a target is business time.
    internal static string FormatDuration(Duration duration)
    {
        long nanos = duration.ToInt64Nanoseconds();
        long hours = nanos / NodaConstants.NanosecondsPerHour;
        long minutes = nanos % NodaConstants.NanosecondsPerHour / NodaConstants.NanosecondsPerMinute;
        long secondNanos = nanos % NodaConstants.NanosecondsPerMinute;
        var text = new StringBuilder("PT");
        if (hours != 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes != 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (secondNanos != 0 || (hours == 0 && minutes == 0))
        {
            long seconds = secondNanos / NodaConstants.NanosecondsPerSecond;
            long fraction = secondNanos % NodaConstants.NanosecondsPerSecond;
            text.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction != 0)
            {
                text.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }

            text.Append('S');
        }

        return text.ToString();
    }
}
