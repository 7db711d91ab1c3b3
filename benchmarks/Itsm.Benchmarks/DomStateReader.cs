using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;
using Stateless;

namespace Itsm.Benchmarks;

/// <summary>
/// Reads the fields of one object of a state document. Every field must be present (null where
/// the value is absent) and of the right type; otherwise a <see cref="System.Text.Json.JsonException"/>
/// names the record type and the field's path.
/// </summary>
internal readonly struct DomStateReader
{
    private readonly string _recordType;
    private readonly System.Text.Json.JsonElement _element;
    private readonly string _path;

    internal DomStateReader(string recordType, System.Text.Json.JsonElement element, string path)
    {
        _recordType = recordType;
        _element = element;
        _path = path;
    }

    internal System.Text.Json.JsonException Error(string name, string problem) =>
        new($"{_recordType} state: '{PathOf(name)}' {problem}.");

    internal string String(string name)
    {
        var value = Get(name);
        if (value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw Error(name, "must be a string");
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(name, "must not be blank");
        }

        return text;
    }

    internal string? NullableString(string name)
    {
        var value = Get(name);
        return value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Null => null,
            System.Text.Json.JsonValueKind.String => value.GetString(),
            _ => throw Error(name, "must be a string or null"),
        };
    }

    /// <summary>
    /// A string field added to the document after its first release: missing reads as null (a state
    /// saved before the field existed), otherwise as <see cref="NullableString"/>.
    /// </summary>
    internal string? OptionalString(string name) => _element.TryGetProperty(name, out _) ? NullableString(name) : null;

    internal bool Bool(string name) => NullableBool(name) ?? throw Error(name, "must be true or false");

    internal bool? NullableBool(string name) => Get(name).ValueKind switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        System.Text.Json.JsonValueKind.Null => null,
        _ => throw Error(name, "must be true, false or null"),
    };

    internal int Int(string name)
    {
        var value = Get(name);
        if (value.ValueKind != System.Text.Json.JsonValueKind.Number || !value.TryGetInt32(out int number))
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

    internal decimal Decimal(string name) => NullableDecimal(name) ?? throw Error(name, "must be a number");

    internal decimal? NullableDecimal(string name)
    {
        var value = Get(name);
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.Number || !value.TryGetDecimal(out decimal number))
        {
            throw Error(name, "must be a decimal number or null");
        }

        return number;
    }

    internal Instant Instant(string name) => NullableInstant(name) ?? throw Error(name, "must be an instant");

    internal Instant? NullableInstant(string name)
    {
        var value = Get(name);
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw Error(name, "must be an instant (an extended ISO string) or null");
        }

        var result = NodaTime.Text.InstantPattern.ExtendedIso.Parse(value.GetString()!);
        return result.Success ? result.Value : throw Error(name, $"is not an instant in the extended ISO pattern ('{value.GetString()}')");
    }

    internal TEnum Enum<TEnum>(string name)
        where TEnum : struct, Enum =>
        NullableEnum<TEnum>(name) ?? throw Error(name, $"must be a {typeof(TEnum).Name} name");

    internal TEnum? NullableEnum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var value = Get(name);
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw Error(name, $"must be a {typeof(TEnum).Name} name or null");
        }

        string text = value.GetString()!;
        // Names only: Enum.TryParse also takes numbers and comma lists, which are not names.
        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        throw Error(name, $"'{text}' is not a {typeof(TEnum).Name} name");
    }

    internal Guid Guid(string name) => NullableGuid(name) ?? throw Error(name, "must be an id (a GUID string)");

    internal Guid? NullableGuid(string name)
    {
        var value = Get(name);
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.String || !System.Guid.TryParseExact(value.GetString(), "D", out var guid) || guid == System.Guid.Empty)
        {
            throw Error(name, "must be an id (a non-empty GUID string) or null");
        }

        return guid;
    }

    internal string[] Strings(string name)
    {
        var items = Items(name);
        var values = new string[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            values[i] = items[i].Self("must be a string");
        }

        return values;
    }

    internal DomStateReader Object(string name) => NullableObject(name) ?? throw Error(name, "must be an object");

    internal DomStateReader? NullableObject(string name)
    {
        var value = Get(name);
        return value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Null => null,
            System.Text.Json.JsonValueKind.Object => new DomStateReader(_recordType, value, PathOf(name)),
            _ => throw Error(name, "must be an object or null"),
        };
    }

    /// <summary>The items of an array field, each as a reader whose path is <c>name[i]</c>.</summary>
    internal IReadOnlyList<DomStateReader> Items(string name)
    {
        var value = Get(name);
        if (value.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            throw Error(name, "must be an array");
        }

        var items = new List<DomStateReader>(value.GetArrayLength());
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(new DomStateReader(_recordType, item, $"{PathOf(name)}[{i}]"));
            i++;
        }

        return items;
    }

    /// <summary>This item, when it must be an object.</summary>
    internal DomStateReader AsObject()
    {
        if (_element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new System.Text.Json.JsonException($"{_recordType} state: '{_path}' must be an object.");
        }

        return this;
    }

    /// <summary>This item, when it must be an id (a non-empty GUID string).</summary>
    internal Guid AsGuid()
    {
        string text = Self("must be an id (a GUID string)");
        if (!System.Guid.TryParseExact(text, "D", out var guid) || guid == System.Guid.Empty)
        {
            throw new System.Text.Json.JsonException($"{_recordType} state: '{_path}' must be an id (a non-empty GUID string).");
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
            throw Error(name, $"is not a valid actor ({e.Message})");
        }
    }

    /// <summary>A string-to-string object (for example snapshot attributes), in document order.</summary>
    internal Dictionary<string, string> StringMap(string name)
    {
        var value = Get(name);
        if (value.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw Error(name, "must be an object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != System.Text.Json.JsonValueKind.String || !map.TryAdd(property.Name, property.Value.GetString()!))
            {
                throw Error(name + "." + property.Name, "must be a string, once");
            }
        }

        return map;
    }

    internal List<Itsm.Sla.TicketChange> TicketHistory(string name)
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

    private string Self(string problem)
    {
        if (_element.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw new System.Text.Json.JsonException($"{_recordType} state: '{_path}' {problem}.");
        }

        return _element.GetString()!;
    }

    /// <summary>A finite number read as a double (exactly as written, round-trip).</summary>
    internal double Double(string name)
    {
        var value = Get(name);
        if (value.ValueKind != System.Text.Json.JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
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
        if (!_element.TryGetProperty(name, out _))
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

    internal bool Has(string name) => _element.TryGetProperty(name, out _);

    internal bool IsNull(string name) => Get(name).ValueKind == System.Text.Json.JsonValueKind.Null;

    private System.Text.Json.JsonElement Get(string name) =>
        _element.TryGetProperty(name, out var value) ? value : throw Error(name, "is missing");

    private string PathOf(string name) => _path.Length == 0 ? name : _path + "." + name;
}
