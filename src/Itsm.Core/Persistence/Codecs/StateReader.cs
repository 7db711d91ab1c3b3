using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Persistence;

/// <summary>
/// Reads the fields of one object of a state document. Every field must be present (null where
/// the value is absent) and of the right type; otherwise a <see cref="JsonException"/>
/// names the record type and the field's path. An object may not have the same property twice.
/// </summary>
/// <remarks>
/// A view of a <see cref="StateDocument"/> (no DOM): each field is found by name among the object's
/// recorded properties and parsed from its UTF-8 bytes when asked for. Valid only inside the
/// <see cref="StateJson.Read{T}"/> call that gave it.
/// </remarks>
internal readonly struct StateReader
{
    private readonly StateDocument _document;
    private readonly int _entry;
    private readonly int _generation;

    internal StateReader(StateDocument document, int entry)
    {
        _document = document;
        _entry = entry;
        _generation = document.Generation;
    }

    private StateDocument Document =>
        _document.Generation == _generation ? _document : throw new InvalidOperationException("A state reader is used after the StateJson.Read call that gave it.");

    private string RecordType => _document.RecordType;

    private string Path => Document.PathOf(_entry);

    internal JsonException Error(string name, string problem) =>
        new($"{RecordType} state: '{QuotedText.Of(PathOf(name))}' {problem}.");

    internal string String(string name)
    {
        int value = Get(name, out var document);
        if (document[value].Kind != JsonTokenType.String)
        {
            throw Error(name, "must be a string");
        }

        var text = document.GetString(value);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(name, "must not be blank");
        }

        return text;
    }

    internal string? NullableString(string name)
    {
        int value = Get(name, out var document);
        return document[value].Kind switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => document.GetString(value),
            _ => throw Error(name, "must be a string or null"),
        };
    }

    /// <summary>
    /// A string field added to the document after its first release: missing reads as null (a state
    /// saved before the field existed), otherwise as <see cref="NullableString"/>.
    /// </summary>
    internal string? OptionalString(string name) => Has(name) ? NullableString(name) : null;

    internal bool Bool(string name) => NullableBool(name) ?? throw Error(name, "must be true or false");

    internal bool? NullableBool(string name)
    {
        int value = Get(name, out var document);
        return document[value].Kind switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Error(name, "must be true, false or null"),
        };
    }

    internal int Int(string name)
    {
        int value = Get(name, out var document);

        // Utf8Parser on the whole token is what Utf8JsonReader.TryGetInt32 does: no fraction, no exponent, no overflow.
        if (document[value].Kind != JsonTokenType.Number
            || !System.Buffers.Text.Utf8Parser.TryParse(document.Bytes(value), out int number, out int consumed)
            || consumed != document[value].ValueLength)
        {
            throw Error(name, "must be an integer");
        }

        return number;
    }

    internal int NonNegativeInt(string name)
    {
        int value = Int(name);
        return value >= 0 ? value : throw Error(name, "must not be negative");
    }

    internal Priority Priority(string name)
    {
        int value = Int(name);
        return value is >= 1 and <= 5 ? new Priority(value) : throw Error(name, "must be a priority from 1 to 5");
    }

    /// <summary>
    /// The field as a non-negative whole number when its token is plain digits that fit a long, which is how the
    /// codecs write counts; false for any other form (a fraction, an exponent, a sign, a string, an overflow), which
    /// the caller reads the general way. A missing field is refused as by every reader.
    /// </summary>
    internal bool TryPlainDigits(string name, out long value)
    {
        int entry = Get(name, out var document);

        // Utf8Parser on the whole token, as Int does: it stops at a fraction or an exponent, so those do not consume it.
        if (document[entry].Kind == JsonTokenType.Number
            && System.Buffers.Text.Utf8Parser.TryParse(document.Bytes(entry), out value, out int consumed)
            && consumed == document[entry].ValueLength
            && value >= 0)
        {
            return true;
        }

        value = 0;
        return false;
    }

    internal decimal Decimal(string name) => NullableDecimal(name) ?? throw Error(name, "must be a number");

    internal decimal? NullableDecimal(string name)
    {
        int value = Get(name, out var document);
        var kind = document[value].Kind;
        if (kind == JsonTokenType.Null)
        {
            return null;
        }

        if (kind != JsonTokenType.Number || !document.Token(value).TryGetDecimal(out decimal number))
        {
            throw Error(name, "must be a decimal number or null");
        }

        return number;
    }

    internal Instant Instant(string name) => NullableInstant(name) ?? throw Error(name, "must be an instant");

    internal Instant? NullableInstant(string name)
    {
        int value = Get(name, out var document);
        var kind = document[value].Kind;
        if (kind == JsonTokenType.Null)
        {
            return null;
        }

        if (kind != JsonTokenType.String)
        {
            throw Error(name, "must be an instant (an extended ISO string) or null");
        }

        if (IsoInstantText.TryParse(document.GetUtf8(value), out var instant))
        {
            return instant;
        }

        string text = document.GetString(value);
        var result = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value : throw Error(name, $"is not an instant in the extended ISO pattern ('{QuotedText.Of(text)}')");
    }

    internal TEnum Enum<TEnum>(string name)
        where TEnum : struct, Enum =>
        NullableEnum<TEnum>(name) ?? throw Error(name, $"must be a {typeof(TEnum).Name} name");

    internal TEnum? NullableEnum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        int value = Get(name, out var document);
        var kind = document[value].Kind;
        if (kind == JsonTokenType.Null)
        {
            return null;
        }

        if (kind != JsonTokenType.String)
        {
            throw Error(name, $"must be a {typeof(TEnum).Name} name or null");
        }

        // Names only: Enum.TryParse also takes numbers and comma lists, which are not names.
        return StateEnumNames<TEnum>.TryParse(document.GetUtf8(value), out var parsed)
            ? parsed
            : throw Error(name, $"'{QuotedText.Of(document.GetString(value))}' is not a {typeof(TEnum).Name} name");
    }

    internal Guid Guid(string name) => NullableGuid(name) ?? throw Error(name, "must be an id (a GUID string)");

    internal Guid? NullableGuid(string name)
    {
        int value = Get(name, out var document);
        var kind = document[value].Kind;
        if (kind == JsonTokenType.Null)
        {
            return null;
        }

        if (kind != JsonTokenType.String || !TryParseId(document, value, out var guid))
        {
            throw Error(name, "must be an id (a non-empty GUID string) or null");
        }

        return guid;
    }

    internal string[] Strings(string name)
    {
        var items = Items(name);
        var values = items.Count == 0 ? [] : new string[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            values[i] = items[i].Self("must be a string");
        }

        return values;
    }

    internal StateReader Object(string name) => NullableObject(name) ?? throw Error(name, "must be an object");

    internal StateReader? NullableObject(string name)
    {
        int value = Get(name, out var document);
        return document[value].Kind switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.StartObject => Opened(document, value),
            _ => throw Error(name, "must be an object or null"),
        };
    }

    /// <summary>The items of an array field, each as a reader whose path is <c>name[i]</c>.</summary>
    internal IReadOnlyList<StateReader> Items(string name)
    {
        int value = Get(name, out var document);
        if (document[value].Kind != JsonTokenType.StartArray)
        {
            throw Error(name, "must be an array");
        }

        var (first, count) = document.Members(value);
        if (count == 0)
        {
            return [];
        }

        var items = new StateReader[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = new StateReader(document, first + i);
        }

        return items;
    }

    /// <summary>This item, when it must be an object.</summary>
    internal StateReader AsObject()
    {
        if (Document[_entry].Kind != JsonTokenType.StartObject)
        {
            throw new JsonException($"{RecordType} state: '{QuotedText.Of(Path)}' must be an object.");
        }

        return Opened(Document, _entry);
    }

    /// <summary>This item, when it must be an id (a non-empty GUID string).</summary>
    internal Guid AsGuid()
    {
        Self("must be an id (a GUID string)");
        if (!TryParseId(Document, _entry, out var guid))
        {
            throw new JsonException($"{RecordType} state: '{QuotedText.Of(Path)}' must be an id (a non-empty GUID string).");
        }

        return guid;
    }

    internal Actor Actor(string name) => NullableActor(name) ?? throw Error(name, "must be an actor object");

    internal Actor? NullableActor(string name)
    {
        if (NullableObject(name) is not { } actor)
        {
            return null;
        }

        string id = actor.String("id");
        string[] roles = actor.Strings("roles");
        try
        {
            return new Actor(id, roles);
        }
        catch (ArgumentException e)
        {
            throw Error(name, $"is not a valid actor ({QuotedText.Message(e.Message)})");
        }
    }

    /// <summary>A string-to-string object (for example snapshot attributes), in document order.</summary>
    internal Dictionary<string, string> StringMap(string name)
    {
        int value = Get(name, out var document);
        if (document[value].Kind != JsonTokenType.StartObject)
        {
            throw Error(name, "must be an object of strings");
        }

        var (first, count) = document.Members(value);
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = first; i < first + count; i++)
        {
            string key = document.NameOf(i);
            if (document[i].Kind != JsonTokenType.String || !map.TryAdd(key, document.GetString(i)))
            {
                throw Error(name + "." + key, "must be a string, once");
            }
        }

        return map;
    }

    internal List<Itsm.Sla.TicketChange> TicketHistory(string name, string? caller)
    {
        var items = Items(name);
        var history = new List<Itsm.Sla.TicketChange>(items.Count);
        foreach (var raw in items)
        {
            var item = raw.AsObject();
            var snapshot = item.Object("snapshot");
            history.Add(new Itsm.Sla.TicketChange(item.Instant("at"), new Itsm.Sla.TicketSnapshot
            {
                State = snapshot.String("state"),
                Priority = snapshot.Priority("priority"),
                Caller = caller,
                OnHoldReason = snapshot.NullableString("onHoldReason"),
                Service = snapshot.NullableString("service"),
                Offering = snapshot.NullableString("offering"),
                AssignmentGroup = snapshot.NullableString("assignmentGroup"),
                Supplier = snapshot.NullableString("supplier"),
                Attributes = snapshot.StringMap("attributes"),
            }));
        }

        return history;
    }

    /// <summary>A finite number read as a double (exactly as written, round-trip).</summary>
    internal double Double(string name)
    {
        int value = Get(name, out var document);
        if (document[value].Kind != JsonTokenType.Number || !document.Token(value).TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw Error(name, "must be a number");
        }

        return number;
    }

    /// <summary>
    /// The last SLA threshold a ticket recorded (<c>{"agreement", "metric", "percent", "kind", "dueAt"}</c>),
    /// or null when the field is missing (state saved before thresholds were recorded) or null.
    /// </summary>
    internal Itsm.Sla.SlaThresholdReached? OptionalSlaThreshold(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var o = NullableObject(name);
        if (o is null)
        {
            return null;
        }

        var percent = o.Value.Double("percent");
        var kind = o.Value.Enum<Itsm.Sla.SlaThresholdKind>("kind");
        if (percent <= 0 || Itsm.Sla.SlaThresholdReached.KindOf(percent) != kind)
        {
            throw Error(name, "holds a threshold whose percent is not positive or does not match its kind");
        }

        return new Itsm.Sla.SlaThresholdReached(o.Value.String("agreement"), new Itsm.Sla.SlaMetric(o.Value.String("metric")), percent, kind, o.Value.Instant("dueAt"));
    }

    private string Self(string problem)
    {
        var document = Document;
        if (document[_entry].Kind != JsonTokenType.String)
        {
            throw new JsonException($"{RecordType} state: '{QuotedText.Of(Path)}' {problem}.");
        }

        return document.GetString(_entry);
    }

    // Guid.TryParseExact on the characters, without a string: the same rules as before, no allocation.
    private static bool TryParseId(StateDocument document, int value, out Guid guid)
    {
        var utf8 = document.GetUtf8(value);
        Span<char> chars = stackalloc char[64];
        bool parsed = utf8.Length <= chars.Length
            ? System.Guid.TryParseExact(chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)], "D", out guid)
            : System.Guid.TryParseExact(document.GetString(value), "D", out guid);
        return parsed && guid != System.Guid.Empty;
    }

    // Reading the members now refuses a duplicate property as soon as the codec takes the object, read or not.
    private static StateReader Opened(StateDocument document, int entry)
    {
        document.Members(entry);
        return new StateReader(document, entry);
    }

    /// <summary>Whether the field is present (for fields added after a document's first release).</summary>
    internal bool Has(string name) => Document.Find(_entry, name) >= 0;

    /// <summary>Whether the field is null (it must be present).</summary>
    internal bool IsNull(string name) => Get(name, out var document) is var value && document[value].Kind == JsonTokenType.Null;

    private int Get(string name, out StateDocument document)
    {
        document = Document;
        int value = document.Find(_entry, name);
        return value >= 0 ? value : throw Error(name, "is missing");
    }

    private string PathOf(string name)
    {
        string path = Path;
        return path.Length == 0 ? name : path + "." + name;
    }
}
