using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;
using Stateless;
using Itsm.Text;

namespace Itsm.Persistence;

/// <summary>
/// The state documents of the lifecycle aggregates (docs/record-state.md): one JSON object per
/// record, <c>"v"</c> (the schema version) first, enums by name, instants in NodaTime's extended
/// ISO pattern, every field written (null when absent). Kept with the codecs
/// because every aggregate's codec shares it.
/// </summary>
internal static class StateJson
{
    internal const int SchemaVersion = 1;

    /// <summary>The escaping of every state document: only what JSON requires (documents are stored, never embedded in HTML).</summary>
    internal static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // Without the writer's own check of the structure (a name before each value, ends matching starts): the codecs'
    // structure is fixed, and every codec's round trip through the reader in the tests refuses a document that breaks
    // it; the check was about a tenth of encoding a state. Escaping and values are written exactly as with it.
    private static readonly System.Text.Json.JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = true };

    // Larger buffers (an unusually large state) are dropped after use rather than kept per thread.
    private const int MaxRetainedWriterBytes = 256 * 1024;

    [ThreadStatic]
    private static (System.Buffers.ArrayBufferWriter<byte> Buffer, System.Text.Json.Utf8JsonWriter Writer)? t_writer;

    /// <summary>Writes one state document: <c>{"v":1, ...body}</c>.</summary>
    /// <remarks>The thread's buffer and writer are reused, so a write allocates the returned string (and what the body allocates).</remarks>
    internal static string Write(Action<System.Text.Json.Utf8JsonWriter> body) =>
        Write(body, static (w, b) => b(w));

    /// <summary>Writes one state document, <paramref name="state"/> passed to a static <paramref name="body"/> (no closure per write).</summary>
    /// <remarks>Inside <see cref="WriteUtf8"/>, the document is kept as UTF-8 bytes and an empty string returned.</remarks>
    internal static string Write<TState>(TState state, Action<System.Text.Json.Utf8JsonWriter, TState> body)
    {
        // The outermost document of a WriteUtf8 call is captured; documents its body writes are strings as usual.
        bool capture = t_captureUtf8;
        t_captureUtf8 = false;

        // Taken, not shared, while in use: a body that writes another document gets its own.
        var (buffer, writer) = t_writer ?? NewWriter();
        t_writer = null;
        buffer.ResetWrittenCount();
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteNumber("v", SchemaVersion);
        body(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        string json;
        if (capture)
        {
            t_captured = buffer.WrittenSpan.ToArray();
            json = "";
        }
        else
        {
            json = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        if (buffer.Capacity <= MaxRetainedWriterBytes)
        {
            t_writer = (buffer, writer);
        }

        return json;
    }

    [ThreadStatic]
    private static bool t_captureUtf8;

    [ThreadStatic]
    private static byte[]? t_captured;

    /// <summary>
    /// Runs <paramref name="serialize"/> (a codec's <c>Serialize</c>) and returns the state document it writes
    /// as UTF-8 bytes, without the string: half the size of the UTF-16 string, and no transcoding, for a store
    /// that keeps state as UTF-8. A serializer that does not write through <see cref="Write{TState}"/> has its
    /// string encoded.
    /// </summary>
    internal static byte[] WriteUtf8<TState>(TState state, Func<TState, string> serialize)
    {
        t_captureUtf8 = true;
        t_captured = null;
        try
        {
            string json = serialize(state);
            return t_captured ?? System.Text.Encoding.UTF8.GetBytes(json);
        }
        finally
        {
            t_captureUtf8 = false;
            t_captured = null;
        }
    }

    private static (System.Buffers.ArrayBufferWriter<byte>, System.Text.Json.Utf8JsonWriter) NewWriter()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        return (buffer, new System.Text.Json.Utf8JsonWriter(buffer, WriterOptions));
    }

    /// <summary>Reads a state document of <paramref name="recordType"/>, checks <c>v</c>, and reads it.</summary>
    /// <remarks>
    /// No DOM: the text is read once with <see cref="System.Text.Json.Utf8JsonReader"/> (<see cref="StateDocument"/>)
    /// and <paramref name="read"/>'s reader parses each field from its bytes. The readers are valid only during the call.
    /// </remarks>
    /// <exception cref="System.Text.Json.JsonException">The text is not a state document of schema version 1, or <paramref name="read"/> found a bad field.</exception>
    internal static T Read<T>(string recordType, StateText json, Func<StateReader, T> read) =>
        Read(recordType, json, read, static (r, f) => f(r));

    /// <summary>As <see cref="Read{T}(string, StateText, Func{StateReader, T})"/>, <paramref name="state"/> passed to a static <paramref name="read"/> (no closure per read).</summary>
    internal static T Read<TState, T>(string recordType, StateText json, TState state, Func<StateReader, TState, T> read)
    {
        if (json.IsNull)
        {
            throw new ArgumentNullException(nameof(json));
        }

        var document = StateDocument.Open(recordType, json);
        try
        {
            var reader = new StateReader(document, StateDocument.Root);
            int version = reader.Int("v");
            if (version != SchemaVersion)
            {
                throw reader.Error("v", $"is {version}; this version of Itsm.Core reads schema version {SchemaVersion}");
            }

            return read(reader, state);
        }
        finally
        {
            document.Close();
        }
    }

    /// <summary>A stored record's id (a GUID in "D" format) as the store gives it.</summary>
    /// <exception cref="FormatException">The id is not a non-empty GUID.</exception>
    internal static Guid ParseId(string id, string recordType)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Guid.TryParseExact(id, "D", out var guid) || guid == Guid.Empty)
        {
            throw new FormatException($"{recordType} id: '{QuotedText.Of(id)}' is not a non-empty GUID in the \"D\" format.");
        }

        return guid;
    }

    internal static string Format(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    internal static void WriteInstant(this System.Text.Json.Utf8JsonWriter writer, string name, Instant? value)
    {
        writer.WritePropertyName(name);
        writer.WriteInstantValue(value);
    }

    // The hot codecs name their fields with pre-encoded names (StateNames): the writer neither transcodes nor escape-checks them.
    internal static void WriteInstant(this System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonEncodedText name, Instant? value)
    {
        writer.WritePropertyName(name);
        writer.WriteInstantValue(value);
    }

    private static void WriteInstantValue(this System.Text.Json.Utf8JsonWriter writer, Instant? value)
    {
        if (value is not { } instant)
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[IsoInstantText.MaxLength];
        if (IsoInstantText.TryFormat(instant, text, out int written))
        {
            writer.WriteStringValue(text[..written]);
        }
        else
        {
            writer.WriteStringValue(Format(instant));
        }
    }

    /// <summary>An enum value's <c>ToString()</c> without boxing it (<see cref="EnumNames{TEnum}"/>).</summary>
    internal static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumNames<TEnum>.Of(value);

    internal static void WriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, string name, TEnum value)
        where TEnum : struct, Enum
    {
        writer.WritePropertyName(name);
        writer.WriteEnumValue<TEnum>(value);
    }

    internal static void WriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonEncodedText name, TEnum value)
        where TEnum : struct, Enum
    {
        writer.WritePropertyName(name);
        writer.WriteEnumValue<TEnum>(value);
    }

    internal static void WriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, string name, TEnum? value)
        where TEnum : struct, Enum
    {
        writer.WritePropertyName(name);
        writer.WriteEnumValue(value);
    }

    internal static void WriteEnum<TEnum>(this System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonEncodedText name, TEnum? value)
        where TEnum : struct, Enum
    {
        writer.WritePropertyName(name);
        writer.WriteEnumValue(value);
    }

    private static void WriteEnumValue<TEnum>(this System.Text.Json.Utf8JsonWriter writer, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is not { } v)
        {
            writer.WriteNullValue();
        }
        else if (StateEnumNames<TEnum>.TryGetEncoded(v, out var encoded))
        {
            writer.WriteStringValue(encoded);
        }
        else
        {
            writer.WriteStringValue(v.ToString());
        }
    }

    internal static void WriteDecimal(this System.Text.Json.Utf8JsonWriter writer, string name, decimal? value)
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

    internal static void WriteBoolean(this System.Text.Json.Utf8JsonWriter writer, string name, bool? value)
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

    internal static void WriteGuid(this System.Text.Json.Utf8JsonWriter writer, string name, Guid? value)
    {
        writer.WritePropertyName(name);
        writer.WriteGuidValue(value);
    }

    internal static void WriteGuid(this System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonEncodedText name, Guid? value)
    {
        writer.WritePropertyName(name);
        writer.WriteGuidValue(value);
    }

    private static void WriteGuidValue(this System.Text.Json.Utf8JsonWriter writer, Guid? value)
    {
        if (value is { } v)
        {
            // The "D" format, as Guid.ToString("D").
            writer.WriteStringValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static void WriteStrings(this System.Text.Json.Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        // Indexed: a list's enumerator through the interface would be boxed.
        writer.WriteStartArray(name);
        for (int i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }

        writer.WriteEndArray();
    }

    internal static void WriteStrings(this System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static void WriteActor(this System.Text.Json.Utf8JsonWriter writer, string name, Actor? actor)
    {
        if (actor is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("id", actor.Id);
        writer.WriteStrings("roles", actor.Roles);
        writer.WriteEndObject();
    }

    /// <summary>Writes the last SLA threshold a ticket recorded, only when there is one (older state has no such field).</summary>
    internal static void WriteSlaThreshold(this System.Text.Json.Utf8JsonWriter writer, string name, Itsm.Sla.SlaThresholdReached? threshold)
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
        writer.WriteInstant("dueAt", threshold.DueAt);
        writer.WriteEndObject();
    }


    /// <summary>
    /// A ticket's SLA log from its state: the <c>"sla"</c> ledger, or for a state saved before ledgers
    /// existed, its <c>"ticketHistory"</c>, folded into a ledger at the next save. Such a history's snapshots
    /// were written before snapshots named the caller: they get the record's <paramref name="caller"/>, as the
    /// audit log's replay gives them (a ticket's caller never changes).
    /// </summary>
    internal static TicketSlaLog TicketSlaLog(StateReader r, string caller) =>
        r.Has("sla") ? new TicketSlaLog(r.ReadOrKnownSlaLedger("sla")) : new TicketSlaLog(null, r.TicketHistory("ticketHistory", caller));

    /// <summary>
    /// A ticket's creation instant stored beside its opened instant (an incident's <c>createdAt</c>): absent in a state
    /// written before tickets took a host-given opened instant, where the two were the same; never before <paramref name="openedAt"/>.
    /// </summary>
    internal static Instant CreatedAt(StateReader r, string name, Instant openedAt)
    {
        if (!r.Has(name))
        {
            return openedAt;
        }

        var createdAt = r.Instant(name);
        return createdAt >= openedAt ? createdAt : throw r.Error(name, "must not be before openedAt");
    }

    /// <summary>
    /// A ticket's opened instant stored beside its creation instant (a service request's <c>openedAt</c>): absent in a state
    /// written before tickets took a host-given opened instant, where the two were the same; never after <paramref name="createdAt"/>.
    /// </summary>
    internal static Instant OpenedAt(StateReader r, string name, Instant createdAt, string createdName)
    {
        if (!r.Has(name))
        {
            return createdAt;
        }

        var openedAt = r.Instant(name);
        return openedAt <= createdAt ? openedAt : throw r.Error(name, $"must not be after {createdName}");
    }
}
