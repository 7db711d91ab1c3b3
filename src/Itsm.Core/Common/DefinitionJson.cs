using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Itsm.Common;

/// <summary>
/// What the JSON definition formats (agreements, catalog items, controls) share: they are read with comments and trailing
/// commas allowed, and written with only the escaping JSON requires, indented for people or compact for storage.
/// </summary>
internal static class DefinitionJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonWriterOptions IndentedOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Parses a definition document; malformed text, and text the parser cannot transcode (a raw unpaired surrogate),
    /// throw what <paramref name="invalid"/> makes of the problem.
    /// </summary>
    internal static JsonDocument Parse(string json, Func<string, Exception> invalid)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw invalid($"the text is not valid JSON: {Itsm.Text.QuotedText.Message(ex.Message)}");
        }
        catch (ArgumentException)
        {
            // The parser refuses a string it cannot transcode to UTF-8 with a bare ArgumentException.
            throw invalid("the text is not valid JSON: it holds an unpaired surrogate.");
        }
    }

    /// <summary>
    /// As <see cref="Parse(string, Func{string, Exception})"/>, and a string or property name that is no valid text once
    /// unescaped (<c>"\uD800"</c>) is refused too, naming its path: for readers that call <see cref="JsonElement.GetString"/>
    /// without expecting the parser's InvalidOperationException.
    /// </summary>
    internal static JsonDocument ParseChecked(string json, Func<string, Exception> invalid)
    {
        var document = Parse(json, invalid);
        if (Itsm.Text.JsonText.FindInvalid(document.RootElement) is { } problem)
        {
            document.Dispose();
            throw invalid(problem);
        }

        return document;
    }

    /// <summary>The text <paramref name="write"/> writes, indented or compact.</summary>
    internal static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? IndentedOptions : CompactOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
