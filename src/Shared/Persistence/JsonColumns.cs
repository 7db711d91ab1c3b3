using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Itsm.Persistence;

/// <summary>The JSON columns of the audit table (actor roles, command data), written and read without reflection.</summary>
internal static class JsonColumns
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reset for each column: a batch of writes (a history import's thousands
    // of audit rows) otherwise allocated a writer and a growing buffer per row, a quarter of what an import
    // allocated. Reset keeps the options, so the text written is the same.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    // The roles of the last actor written on this thread and their JSON: consecutive audit rows are mostly by
    // actors with the same roles (usually none, or one), which then cost a comparison instead of a writer.
    [ThreadStatic]
    private static string[]? t_lastRoles;

    [ThreadStatic]
    private static string? t_lastRolesJson;

    /// <summary>Roles as a JSON array of strings.</summary>
    internal static string WriteRoles(IReadOnlyList<string> roles)
    {
        if (t_lastRoles is { } last && SameRoles(last, roles))
        {
            return t_lastRolesJson!;
        }

        var writer = Writer(out var buffer);
        writer.WriteStartArray();
        for (var i = 0; i < roles.Count; i++)
        {
            writer.WriteStringValue(roles[i]);
        }

        writer.WriteEndArray();
        var json = Written(writer, buffer);
        var copy = new string[roles.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = roles[i];
        }

        (t_lastRoles, t_lastRolesJson) = (copy, json);
        return json;
    }

    /// <summary>Data as a JSON object of strings (a null value is kept as JSON null).</summary>
    internal static string WriteData(IReadOnlyDictionary<string, string> data)
    {
        var writer = Writer(out var buffer);
        writer.WriteStartObject();
        foreach (var (key, value) in data)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        return Written(writer, buffer);
    }

    private static bool SameRoles(string[] last, IReadOnlyList<string> roles)
    {
        if (last.Length != roles.Count)
        {
            return false;
        }

        for (var i = 0; i < last.Length; i++)
        {
            if (!string.Equals(last[i], roles[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static Utf8JsonWriter Writer(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        if (t_writer is { } writer)
        {
            writer.Reset(buffer);
            return writer;
        }

        return t_writer = new Utf8JsonWriter(buffer, WriterOptions);
    }

    private static string Written(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        // A rare large value must not stay pinned to the thread for good.
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }

        return json;
    }

    /// <summary>Reads a roles array; throws <see cref="FormatException"/> or <see cref="JsonException"/> when it is not one.</summary>
    internal static string[] ReadRoles(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"actor_roles is a JSON {root.ValueKind}, not an array of strings.");
        }

        var roles = new string[root.GetArrayLength()];
        var i = 0;
        foreach (var item in root.EnumerateArray())
        {
            roles[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FormatException($"actor_roles holds a JSON {item.ValueKind}, not a string.");
        }

        return roles;
    }

    /// <summary>Reads a data object; throws <see cref="FormatException"/> or <see cref="JsonException"/> when it is not one.</summary>
    internal static Dictionary<string, string> ReadData(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"data is a JSON {root.ValueKind}, not an object of strings.");
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null => null!,
                var kind => throw new FormatException($"data.{Itsm.Text.QuotedText.Of(property.Name)} is a JSON {kind}, not a string."),
            };
            if (!data.TryAdd(property.Name, value))
            {
                throw new FormatException($"data holds the key '{Itsm.Text.QuotedText.Of(property.Name)}' twice.");
            }
        }

        return data;
    }
}
