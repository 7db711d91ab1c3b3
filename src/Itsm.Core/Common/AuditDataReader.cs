using System;
using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>
/// Reads typed values out of an audit entry's data for its event; a missing or unreadable value
/// clears <see cref="Ok"/> (and yields a default), so the entry reads as <see cref="UnrecognizedEvent"/>
/// instead of throwing.
/// </summary>
internal struct AuditDataReader(IReadOnlyDictionary<string, string> data)
{
    internal bool Ok { get; private set; } = true;

    internal string Required(string key)
    {
        if (data.TryGetValue(key, out var value))
        {
            return value;
        }

        Ok = false;
        return string.Empty;
    }

    internal readonly string? Optional(string key) => data.TryGetValue(key, out var value) ? value : null;

    /// <summary>A typed service-model id, or null when the key is absent; a value that cannot be an id clears <see cref="Ok"/>.</summary>
    internal T? OptionalId<T>(string key, Func<string, T> create)
        where T : struct
    {
        if (!data.TryGetValue(key, out var value))
        {
            return null;
        }

        if (TicketServiceFields.IsId(value))
        {
            return create(value);
        }

        Ok = false;
        return null;
    }

    /// <summary>A typed service-model id that must be present.</summary>
    internal T RequiredId<T>(string key, Func<string, T> create)
        where T : struct
    {
        if (OptionalId(key, create) is { } id)
        {
            return id;
        }

        Ok = false;
        return default;
    }

    /// <summary>Configuration items written by <see cref="TicketServiceFields.AuditText"/>; none when the key is absent.</summary>
    internal System.Collections.ObjectModel.ReadOnlyCollection<Itsm.Services.ConfigurationItemId> ConfigurationItems(string key)
    {
        if (TicketServiceFields.FromAuditText(Optional(key)) is { } items)
        {
            return items;
        }

        Ok = false;
        return TicketServiceFields.NoItems;
    }

    internal TEnum Enum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        var text = Required(key);
        if (Ok && IsName(text) && System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        Ok = false;
        return default;
    }

    internal TEnum? OptionalEnum<TEnum>(string key)
        where TEnum : struct, Enum =>
        data.ContainsKey(key) ? Enum<TEnum>(key) : null;

    internal TEnum NumberEnum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        var number = Number(key, int.MinValue, int.MaxValue);
        var value = (TEnum)System.Enum.ToObject(typeof(TEnum), (int)number);
        if (Ok && System.Enum.IsDefined(value))
        {
            return value;
        }

        Ok = false;
        return default;
    }

    internal Priority Priority(string key)
    {
        var number = Number(key, 1, 5);
        return Ok ? new Priority((int)number) : default;
    }

    internal long Number(string key, long min, long max)
    {
        var text = Required(key);
        if (Ok && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Ok = false;
        return 0;
    }

    internal decimal Decimal(string key)
    {
        var text = Required(key);
        if (Ok && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Ok = false;
        return 0;
    }

    internal bool Boolean(string key)
    {
        switch (Required(key))
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Ok = false;
                return false;
        }
    }

    internal Guid Guid(string key)
    {
        var text = Required(key);
        if (Ok && System.Guid.TryParseExact(text, "D", out var value))
        {
            return value;
        }

        Ok = false;
        return default;
    }

    internal Guid? OptionalGuid(string key) => data.ContainsKey(key) ? Guid(key) : null;

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], or null when the key is absent.</summary>
    internal long? OptionalNumber(string key, long min, long max) => data.ContainsKey(key) ? Number(key, min, max) : null;

    /// <summary>An instant written by <see cref="AuditData.Instant"/>, or null when the key is absent; an unreadable one clears <see cref="Ok"/>.</summary>
    internal NodaTime.Instant? OptionalInstant(string key)
    {
        if (!data.TryGetValue(key, out var text))
        {
            return null;
        }

        if (NodaTime.Text.InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed)
        {
            return parsed.Value;
        }

        Ok = false;
        return null;
    }

    // Enum.TryParse also accepts numbers and comma-separated lists; stored names are single names.
    private static bool IsName(string text) => text.Length > 0 && char.IsLetter(text[0]) && !text.Contains(',', StringComparison.Ordinal);
}
