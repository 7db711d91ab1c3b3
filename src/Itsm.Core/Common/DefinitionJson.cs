using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itsm.Text;

namespace Itsm.Common;

/// <summary>What the JSON definition formats (agreements, controls) share: lenient parsing of comments and trailing commas, and indented writing.</summary>
internal static class DefinitionJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses <paramref name="json"/>; text that is not JSON becomes the format's own exception, made by <paramref name="invalid"/> from the problem.</summary>
    internal static JsonDocument Parse(string json, Func<IReadOnlyList<string>, Exception> invalid)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw invalid([$"the text is not valid JSON: {QuotedText.Message(ex.Message)}"]);
        }
    }

    internal static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
