using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Itsm.Tests.Hardening;

/// <summary>A damaged copy of a valid document, shown as the damage and the start of the text when a property fails.</summary>
public sealed record Damaged(string Kind, string Text)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind}: {(Text.Length > 300 ? Text[..300] + $"... ({Text.Length} characters)" : Text)}";
}

/// <summary>
/// Damages valid documents the way hostile or broken input does (truncation, flipped characters, unpaired surrogates in
/// keys and values, deep nesting, huge and negative-zero numbers, wrong JSON types, duplicate keys, very long strings, a
/// byte order mark, empty text), and checks that a reader either reads the result or refuses it with its documented
/// exception, naming the parameter, with a bounded message.
/// </summary>
/// <remarks>Shared as source by the test projects of every package with a public reader.</remarks>
internal static partial class HostileText
{
    /// <summary>The longest message a refusal may have: twenty listed problems (the limit of the definition errors) of a bounded quote and path each.</summary>
    internal const int MaxMessage = 20_000;

    /// <summary>The length of the "very long" strings the damage puts in: far beyond any message bound.</summary>
    internal const int LongString = 200_000;

    /// <summary>The nesting depth of the "deep" damage.</summary>
    internal const int Depth = 10_000;

    private static readonly string[] Numbers =
        ["1e400", "-1e400", "-0", "-0.0", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e-400", "0.5", "-1", "2147483648", "1" + new string('0', 400)];

    private static readonly string[] Values =
        ["null", "true", "false", "0", "\"\"", "[]", "{}", "\"x\"", "[null]", "{\"\":null}", "\"\\uD800\"", "\"\\uDC00x\"", "\"\\u0000\""];

    private const string Inserted = "{}[]\",:\\\0\r\nx1-:;=BEGIN:END";

    private static readonly string[] Kinds =
        ["truncate", "flip", "delete", "raw surrogate", "escaped surrogate in key", "escaped surrogate in value", "deep", "number", "wrong type", "duplicate key", "long string", "long key", "bom", "empty", "literal"];

    /// <summary>
    /// The longest message a refusal of one huge, once-broken document may have: one problem, its path and a cut quote
    /// of the parser's message or the bad value, whatever the document's size.
    /// </summary>
    internal const int MaxSingleMessage = 4_000;

    /// <summary>
    /// Copies of the valid JSON object <paramref name="valid"/> made huge (<see cref="LongString"/> characters) and broken
    /// once, the way a huge malformed file is: an unterminated string, a huge key without a value, a huge invalid literal,
    /// a huge malformed number, a huge escaped unpaired surrogate, a huge value after the document, and text that is no JSON at all.
    /// </summary>
    internal static IEnumerable<Damaged> HugeMalformed(string valid)
    {
        var open = valid.TrimEnd();
        if (!open.EndsWith('}'))
        {
            throw new ArgumentException("Not a JSON object.", nameof(valid));
        }

        open = open[..^1];
        var huge = new string('x', LongString);
        yield return new("unterminated string", open + ", \"z\": \"" + huge);
        yield return new("huge key without a value", open + ", \"" + huge + "\" }");
        yield return new("huge invalid literal", open + ", \"z\": tru" + new string('e', LongString) + " }");
        yield return new("huge malformed number", open + ", \"z\": 1" + new string('0', LongString) + "x }");
        yield return new("huge escaped surrogate", open + ", \"z\": \"\\uD800" + huge + "\" }");
        yield return new("huge trailing value", valid + " \"" + huge + "\"");
        yield return new("no JSON", new string('\u00e9', LongString));
    }

    /// <summary>Damaged copies of <paramref name="valid"/> JSON documents, one kind of damage each.</summary>
    internal static Arbitrary<Damaged> Json(params string[] valid) =>
        Gen.Choose(0, int.MaxValue).Select(seed => DamageJson(valid, new Random(seed))).ToArbitrary();

    /// <summary>Damaged copies of <paramref name="valid"/> line-based text (no JSON-specific damage).</summary>
    internal static Arbitrary<Damaged> Text(params string[] valid) =>
        Gen.Choose(0, int.MaxValue).Select(seed => DamageText(valid[seed % valid.Length], new Random(seed))).ToArbitrary();

    /// <summary>
    /// Whether reading <paramref name="text"/> either succeeds or fails with <typeparamref name="TDocumented"/> naming
    /// <paramref name="parameter"/> with a message of at most <see cref="MaxMessage"/> characters. Any other exception
    /// is rethrown, so the property's counterexample shows it.
    /// </summary>
    internal static bool ReadsOrRefuses<TDocumented>(Action read, string parameter)
        where TDocumented : ArgumentException
    {
        try
        {
            read();
            return true;
        }
        catch (TDocumented e)
        {
            return e.ParamName == parameter && e.Message.Length <= MaxMessage && (e.InnerException is null or TDocumented or ArgumentException);
        }
    }

    internal static Damaged DamageJson(IReadOnlyList<string> valid, Random random)
    {
        var json = valid[random.Next(valid.Count)];
        var kind = Kinds[random.Next(Kinds.Length)];
        var strings = StringToken().Matches(json).ToArray();
        var keys = strings.Where(m => IsKey(json, m)).ToArray();
        var values = strings.Where(m => !IsKey(json, m)).ToArray();
        var numbers = NumberToken().Matches(json).Where(m => !strings.Any(s => s.Index <= m.Index && m.Index < s.Index + s.Length)).ToArray();
        return kind switch
        {
            "escaped surrogate in key" when keys.Length > 0 => new(kind, Insert(json, Pick(keys, random), random, "\\uD800")),
            "escaped surrogate in value" when values.Length > 0 => new(kind, Insert(json, Pick(values, random), random, random.Next(2) == 0 ? "\\uD800" : "\\uDFFF")),
            "deep" => new(kind, Deep(json, random)),
            "number" when numbers.Length > 0 => new(kind, Replace(json, Pick(numbers, random), Numbers[random.Next(Numbers.Length)])),
            "number" => new(kind, Replace(json, Pick(values, random), Numbers[random.Next(Numbers.Length)])),
            "wrong type" when values.Length + numbers.Length > 0 => new(kind, Replace(json, Pick(values.Concat(numbers).ToArray(), random), Values[random.Next(Values.Length)])),
            "duplicate key" when keys.Length > 0 => new(kind, DuplicateKey(json, Pick(keys, random))),
            "long string" when values.Length > 0 => new(kind, Replace(json, Pick(values, random), "\"" + new string('x', LongString) + "\"")),
            "long key" when keys.Length > 0 => new(kind, Replace(json, Pick(keys, random), "\"" + new string('k', LongString) + "\"")),
            "bom" => new(kind, "\uFEFF" + json),
            "empty" => new(kind, new[] { "", " ", "\t\r\n", "\uFEFF", "\0" }[random.Next(5)]),
            "literal" => new(kind, Values[random.Next(Values.Length)]),
            _ => DamageText(json, random),
        };
    }

    internal static Damaged DamageText(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        return random.Next(5) switch
        {
            0 => new("truncate", text[..at]),
            1 => new("flip", at < text.Length ? text[..at] + (char)(text[at] ^ (1 << random.Next(16))) + text[(at + 1)..] : text + "\u0001"),
            2 => new("delete", text.Remove(Math.Min(at, text.Length), Math.Min(text.Length - Math.Min(at, text.Length), random.Next(1, 16)))),
            3 => new("raw surrogate", text.Insert(at, random.Next(2) == 0 ? "\uD800" : "\uDC00")),
            _ => new("insert", text.Insert(at, Inserted[random.Next(Inserted.Length)].ToString())),
        };
    }

    private static Match Pick(Match[] matches, Random random) => matches[random.Next(matches.Length)];

    private static bool IsKey(string json, Match m)
    {
        var i = m.Index + m.Length;
        while (i < json.Length && char.IsWhiteSpace(json[i]))
        {
            i++;
        }

        return i < json.Length && json[i] == ':';
    }

    private static string Replace(string json, Match token, string with) => json[..token.Index] + with + json[(token.Index + token.Length)..];

    private static string Insert(string json, Match stringToken, Random random, string escape)
    {
        // Inside the quotes, never inside an escape of the original text.
        var inner = stringToken.Index + 1 + (stringToken.Length <= 2 ? 0 : random.Next(2) * (stringToken.Length - 2));
        return json.Insert(inner, escape);
    }

    private static string DuplicateKey(string json, Match key)
    {
        // The property again right after itself: "k": v, "k": v ... becomes "k": null, "k": v.
        return json.Insert(key.Index, key.Value + ": null, ");
    }

    private static string Deep(string json, Random random)
    {
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, Depth)) + "1" + string.Concat(Enumerable.Repeat(close, Depth));
        var values = StringToken().Matches(json).Where(m => !IsKey(json, m)).ToArray();
        return values.Length == 0 ? nested : Replace(json, values[random.Next(values.Length)], nested);
    }

    internal static string Describe(Exception e) => string.Create(CultureInfo.InvariantCulture, $"{e.GetType().Name}({e.Message.Length}): {(e.Message.Length > 200 ? e.Message[..200] : e.Message)}");

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant)]
    private static partial Regex StringToken();

    [GeneratedRegex("-?[0-9][0-9.eE+-]*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberToken();
}
