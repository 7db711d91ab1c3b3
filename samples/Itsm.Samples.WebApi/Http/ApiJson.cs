using System;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// The API's JSON: camelCase names (System.Text.Json's web defaults), NodaTime instants as ISO 8601
/// UTC strings (<c>2026-03-02T10:00:00Z</c>) and durations as ISO 8601 durations in hours, minutes and
/// seconds (<c>PT1H30M</c>; negative with a leading minus, <c>-PT15M</c>).
/// </summary>
public static class ApiJson
{
    /// <summary>The serializer options of every response.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>An instant as the API writes it.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>ISO 8601 in UTC, with as many fraction digits as needed.</returns>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>A duration as the API writes it.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>An ISO 8601 duration such as <c>PT4H</c>, <c>PT0S</c> or <c>-PT1H15M</c>.</returns>
    public static string Format(Duration duration)
    {
        var sign = duration < Duration.Zero ? "-" : string.Empty;
        if (duration < Duration.Zero)
        {
            duration = -duration;
        }

        var hours = (long)Math.Floor(duration.TotalHours);
        var rest = duration - Duration.FromHours(hours);
        var minutes = rest.Minutes;
        var nanos = (rest - Duration.FromMinutes(minutes)).ToInt64Nanoseconds();
        var text = new StringBuilder(sign).Append("PT");
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (nanos > 0 || (hours == 0 && minutes == 0))
        {
            var seconds = (nanos / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);
            text.Append(seconds).Append('S');
        }

        return text.ToString();
    }

    private static JsonSerializerOptions Create()
    {
        // Relaxed escaping keeps messages readable ('x' rather than \u0027x\u0027); the API serves
        // application/json and problem+json, never HTML.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new DurationConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? string.Empty).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }

    private sealed class DurationConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The API reads no durations.");

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }
}
