using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;
using Stateless;

namespace Itsm.Benchmarks;

/// <summary>
/// The baseline: StateJson as it was before issue 18 (a <see cref="System.Text.Json.JsonDocument"/> per read,
/// a new buffer and writer per write, enum names and instants formatted to strings), its write
/// helpers prefixed with <c>Dom</c>. Original summary: the state documents of the lifecycle aggregates (docs/record-state.md): one JSON object per
/// record, <c>"v"</c> (the schema version) first, enums by name, instants in NodaTime's extended
/// ISO pattern, every field written (null when absent). Kept with the codecs
/// because every aggregate's codec shares it.
/// </summary>
internal static class DomStateJson
{
    internal const int SchemaVersion = 1;

    private static readonly System.Text.Json.JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one state document: <c>{"v":1, ...body}</c>.</summary>
    internal static string Write(Action<System.Text.Json.Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", SchemaVersion);
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses a state document of <paramref name="recordType"/>, checks <c>v</c>, and reads it.</summary>
    /// <exception cref="System.Text.Json.JsonException">The text is not a state document of schema version 1, or <paramref name="read"/> found a bad field.</exception>
    internal static T Read<T>(string recordType, string json, Func<DomStateReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        System.Text.Json.JsonDocument document;
        try
        {
            document = System.Text.Json.JsonDocument.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new System.Text.Json.JsonException($"{recordType} state: the text is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new System.Text.Json.JsonException($"{recordType} state: the document must be a JSON object, not {root.ValueKind}.");
            }

            var reader = new DomStateReader(recordType, root, "");
            if (reader.Int("v") != SchemaVersion)
            {
                throw reader.Error("v", $"is {reader.Int("v")}; this version of Itsm.Core reads schema version {SchemaVersion}");
            }

            return read(reader);
        }
    }

    /// <summary>A stored record's id (a GUID in "D" format) as the store gives it.</summary>
    /// <exception cref="FormatException">The id is not a non-empty GUID.</exception>
    internal static Guid ParseId(string id, string recordType)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Guid.TryParseExact(id, "D", out var guid) || guid == Guid.Empty)
        {
            throw new FormatException($"{recordType} id: '{id}' is not a non-empty GUID in the \"D\" format.");
        }

        return guid;
    }

    internal static string Format(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    internal static void DomWriteInstant(this System.Text.Json.Utf8JsonWriter writer, string name, Instant value) =>
        writer.WriteString(name, Format(value));

    internal static void DomWriteInstant(this System.Text.Json.Utf8JsonWriter writer, string name, Instant? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, Format(instant));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void DomWriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, string name, TEnum value)
        where TEnum : struct, Enum =>
        writer.WriteString(name, value.ToString());

    internal static void DomWriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, string name, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToString());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void DomWriteDecimal(this System.Text.Json.Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void DomWriteBoolean(this System.Text.Json.Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void DomWriteGuid(this System.Text.Json.Utf8JsonWriter writer, string name, Guid? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToString("D"));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void DomWriteStrings(this System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static void DomWriteActor(this System.Text.Json.Utf8JsonWriter writer, string name, Actor? actor)
    {
        if (actor is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("id", actor.Id);
        writer.DomWriteStrings("roles", actor.Roles);
        writer.WriteEndObject();
    }

    /// <summary>Writes the last SLA threshold a ticket recorded, only when there is one (older state has no such field).</summary>
    internal static void DomWriteSlaThreshold(this System.Text.Json.Utf8JsonWriter writer, string name, Itsm.Sla.SlaThresholdReached? threshold)
    {
        if (threshold is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("agreement", threshold.AgreementId);
        writer.WriteString("metric", threshold.Metric.Name);
        writer.WriteNumber("percent", threshold.ThresholdPercent);
        writer.WriteString("kind", threshold.Kind.ToString());
        writer.DomWriteInstant("dueAt", threshold.DueAt);
        writer.WriteEndObject();
    }

    /// <summary>Writes a ticket history: <c>[{"at": instant, "snapshot": {...}}]</c>, in order.</summary>
    internal static void DomWriteTicketHistory(this System.Text.Json.Utf8JsonWriter writer, string name, IReadOnlyList<Itsm.Sla.TicketChange> history)
    {
        writer.WriteStartArray(name);
        foreach (var change in history)
        {
            writer.WriteStartObject();
            writer.DomWriteInstant("at", change.At);
            writer.WriteStartObject("snapshot");
            var snapshot = change.Snapshot;
            writer.WriteString("state", snapshot.State);
            writer.WriteNumber("priority", snapshot.Priority.Value);
            writer.WriteString("onHoldReason", snapshot.OnHoldReason);
            writer.WriteString("service", snapshot.Service);
            writer.WriteString("offering", snapshot.Offering);
            writer.WriteString("assignmentGroup", snapshot.AssignmentGroup);
            writer.WriteString("supplier", snapshot.Supplier);
            writer.WriteStartObject("attributes");
            foreach (var attribute in snapshot.Attributes)
            {
                writer.WriteString(attribute.Key, attribute.Value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
