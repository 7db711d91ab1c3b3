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

    /// <summary>Roles as a JSON array of strings.</summary>
    internal static string WriteRoles(IReadOnlyList<string> roles)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var role in roles)
            {
                writer.WriteStringValue(role);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Data as a JSON object of strings (a null value is kept as JSON null).</summary>
    internal static string WriteData(IReadOnlyDictionary<string, string> data)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in data)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
