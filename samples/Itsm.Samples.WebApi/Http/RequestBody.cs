using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// A command's JSON body, read field by field so every error names its field: a missing or blank
/// required field, a value of the wrong JSON type, an enum value that does not exist (the error lists
/// the ones that do), and a field the command does not know (a typo must not be ignored silently).
/// </summary>
public sealed class RequestBody
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private RequestBody(string raw, JsonElement root)
    {
        Raw = raw;
        _root = root;
    }

    /// <summary>The body as sent: the idempotency payload, so a reused key with another body is refused.</summary>
    public string Raw { get; }

    /// <summary>
    /// Reads the request's body: empty, or one JSON object sent as <c>application/json</c> (or a <c>+json</c>
    /// type) in UTF-8.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body.</returns>
    /// <exception cref="BadInputException">
    /// The body is sent with another media type or charset (415), is not valid UTF-8, or is not a JSON object
    /// (see <see cref="Parse"/>).
    /// </exception>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return Parse(string.Empty);
        }

        if (!request.HasJsonContentType()
            || (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                && mediaType.Charset.HasValue
                && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no media type" : $"'{Bounded(request.ContentType)}'";
            throw new BadInputException(BadInputException.MediaTypeCode, null, $"The request body must be sent as application/json in UTF-8, not with {sent}.", StatusCodes.Status415UnsupportedMediaType);
        }

        string raw;
        try
        {
            raw = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new BadInputException(BadInputException.TextCode, null, "The request body is not valid UTF-8.");
        }

        return Parse(raw);
    }

    // Throws on invalid bytes rather than replacing them with U+FFFD: a body is taken as sent or not at all.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a body: empty (no fields), or one JSON object.</summary>
    /// <param name="raw">The body.</param>
    /// <returns>The body.</returns>
    /// <exception cref="BadInputException">The body is not a JSON object.</exception>
    public static RequestBody Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw))
        {
            using var empty = JsonDocument.Parse("{}");
            return new RequestBody(raw, empty.RootElement.Clone());
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } column
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})")
                : string.Empty;
            throw new BadInputException(BadInputException.BodyCode, null, $"The request body is not valid JSON{where}.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadInputException(BadInputException.BodyCode, null, $"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        CheckText(root, null);
        return new RequestBody(raw, root);
    }

    /// <summary>
    /// Refuses what JSON's grammar lets through but a command cannot take: a field named twice in one object
    /// (System.Text.Json would keep the last silently), and a string or name that is not valid text (an
    /// escaped lone surrogate such as <c>"\ud800"</c>, which no .NET string can be read from).
    /// </summary>
    private static void CheckText(JsonElement element, string? path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    string? name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        name = null;
                    }

                    if (name is null || !IsText(name))
                    {
                        throw new BadInputException(BadInputException.TextCode, path, $"A field name{In(path)} is not valid text (a lone surrogate?).");
                    }

                    var field = path is null ? name : path + "." + name;
                    if (!names.Add(name))
                    {
                        throw new BadInputException(BadInputException.DuplicateFieldCode, field, $"The field '{Bounded(field)}' appears more than once; send each field once.");
                    }

                    CheckText(member.Value, field);
                }

                break;

            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"));
                }

                break;

            case JsonValueKind.String:
                string? value;
                try
                {
                    value = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    value = null;
                }

                if (value is null || !IsText(value))
                {
                    throw new BadInputException(BadInputException.TextCode, path, $"The field '{Bounded(path ?? string.Empty)}' is not valid text: it holds a lone surrogate (such as \\ud800).");
                }

                break;
        }
    }

    // Valid UTF-16: every surrogate in a pair. A lone one cannot be encoded as UTF-8, stored or sent back.
    private static bool IsText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string In(string? path) => path is null ? string.Empty : $" in '{Bounded(path)}'";

    // Text from the client ends up in an error message: quote a bounded prefix of it only.
    private static string Bounded(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    /// <summary>A required, non-blank string.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value.</returns>
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw BadInputException.ForField(name, $"The field '{name}' is required.");

    /// <summary>An optional string; when present it must not be blank.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    public string? OptionalString(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(name, "a string", value);
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw BadInputException.ForField(name, $"The field '{name}' must not be blank.");
        }

        return text;
    }

    /// <summary>A required enum value, by name (case-insensitive); numbers are refused.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="name">The field.</param>
    /// <returns>The value.</returns>
    public TEnum RequiredEnum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var text = RequiredString(name);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw BadInputException.ForField(name, $"The field '{name}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; '{text}' is not.");
    }

    /// <summary>An optional boolean.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    public bool? OptionalBoolean(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } other => throw WrongType(name, "true or false", other),
    };

    /// <summary>A required ISO 8601 instant in UTC or with an offset (for example <c>2026-03-07T06:00:00Z</c>).</summary>
    /// <param name="name">The field.</param>
    /// <returns>The instant.</returns>
    public Instant RequiredInstant(string name)
    {
        var text = RequiredString(name);
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value.ToInstant();
        }

        throw BadInputException.ForField(name, $"The field '{name}' must be an ISO 8601 instant with an offset, such as 2026-03-07T06:00:00Z; '{text}' is not.");
    }

    /// <summary>An optional array of non-blank strings.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The values; empty when absent or null.</returns>
    public IReadOnlyList<string> StringArray(string name)
    {
        if (Get(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of strings", value);
        }

        var list = new List<string>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw BadInputException.ForField(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), $"Every item of '{name}' must be a non-blank string.");
            }

            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    /// <summary>An optional object whose members are all strings.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The members; empty when absent or null.</returns>
    public IReadOnlyDictionary<string, string> StringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Get(name) is not { } value)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, "an object of strings", value);
        }

        foreach (var member in value.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String)
            {
                throw WrongType(name + "." + member.Name, "a string", member.Value);
            }

            map[member.Name] = member.Value.GetString()!;
        }

        return map;
    }

    /// <summary>Refuses a body with fields the command did not read (typos must not pass silently).</summary>
    /// <exception cref="BadInputException">A field is unknown.</exception>
    public void EnsureNoOtherFields()
    {
        foreach (var member in _root.EnumerateObject())
        {
            if (!_read.Contains(member.Name))
            {
                var known = _read.Count == 0 ? "this command takes no fields" : "known fields: " + string.Join(", ", _read.Order(StringComparer.Ordinal));
                throw BadInputException.ForField(member.Name, $"The field '{member.Name}' is not known ({known}).");
            }
        }
    }

    private JsonElement? Get(string name)
    {
        _read.Add(name);
        return _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static BadInputException WrongType(string name, string expected, JsonElement actual) =>
        BadInputException.ForField(name, $"The field '{name}' must be {expected}, not {Describe(actual.ValueKind)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
