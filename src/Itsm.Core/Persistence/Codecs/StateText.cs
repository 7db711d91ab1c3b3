using System;
using System.Text.Json;

namespace Itsm.Persistence;

/// <summary>
/// A state document's text as the store gave it: a string, or the UTF-8 bytes a store that keeps state as
/// UTF-8 holds (<see cref="InMemoryAggregateStore"/>), read without transcoding them to a string and back.
/// </summary>
/// <remarks>A string converts implicitly, so a codec reads either the same way; <c>default</c> is no text (null).</remarks>
internal readonly struct StateText
{
    private readonly string? _text;
    private readonly byte[]? _utf8;

    private StateText(string? text, byte[]? utf8)
    {
        _text = text;
        _utf8 = utf8;
    }

    /// <summary>Whether there is no text (a null string).</summary>
    internal bool IsNull => _text is null && _utf8 is null;

    /// <summary>The text as a string, when it was given as one; otherwise null.</summary>
    internal string? Text => _text;

    /// <summary>The text as UTF-8, when it was given so; otherwise null.</summary>
    internal byte[]? Utf8 => _utf8;

    public static implicit operator StateText(string? text) => new(text, null);

    /// <summary>Text given as UTF-8 bytes (kept, not copied: the caller does not change them).</summary>
    internal static StateText FromUtf8(byte[] utf8) => new(null, utf8 ?? throw new ArgumentNullException(nameof(utf8)));

    /// <summary>Parses the text into a <see cref="JsonDocument"/> (for the few documents not read with <see cref="StateJson"/>).</summary>
    internal JsonDocument ParseDocument() => _utf8 is not null ? JsonDocument.Parse(_utf8) : JsonDocument.Parse(_text!);

    /// <summary>The text as a string (transcoded when it was given as UTF-8).</summary>
    public override string ToString() => _text ?? (_utf8 is null ? "" : System.Text.Encoding.UTF8.GetString(_utf8));
}
