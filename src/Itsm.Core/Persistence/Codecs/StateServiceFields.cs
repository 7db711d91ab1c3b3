using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Services;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>
/// How ticket states store their service-model fields (docs/record-state.md): each typed id as its
/// string, the configuration items as an array of strings. The fields added in 0.2 are optional, so a
/// state saved before reads unchanged (none).
/// </summary>
internal static class StateServiceFields
{
    /// <summary>Writes <c>offering</c>, <c>configurationItems</c> and <c>supplier</c>.</summary>
    internal static void WriteServiceFields(this Utf8JsonWriter writer, ServiceOfferingId? offering, IReadOnlyList<ConfigurationItemId> items, SupplierId? supplier)
    {
        writer.WriteString(N.Offering, offering?.Value);
        writer.WriteStartArray(N.ConfigurationItems);
        for (int i = 0; i < items.Count; i++)
        {
            writer.WriteStringValue(items[i].Value);
        }

        writer.WriteEndArray();
        writer.WriteString(N.Supplier, supplier?.Value);
    }

    /// <summary>
    /// A typed id stored as a string or null; with <paramref name="optional"/>, a missing field reads as null
    /// (a state saved before the field existed).
    /// </summary>
    /// <exception cref="JsonException">The value is not a valid id.</exception>
    internal static T? Id<T>(this StateReader reader, string name, Func<string, T> create, bool optional = false)
        where T : struct
    {
        var text = optional ? reader.OptionalString(name) : reader.NullableString(name);
        if (text is null)
        {
            return null;
        }

        return TicketServiceFields.IsId(text) ? create(text) : throw reader.Error(name, $"must be an id (non-blank, at most {FieldLimits.Id} characters, no control characters)");
    }

    /// <summary>The configuration items; none when the field is missing (a state saved before it existed).</summary>
    /// <exception cref="JsonException">Not an array of distinct valid ids within <see cref="FieldLimits.Items"/>.</exception>
    internal static IReadOnlyList<ConfigurationItemId> ConfigurationItems(this StateReader reader, string name)
    {
        if (!reader.Has(name))
        {
            return TicketServiceFields.NoItems;
        }

        var texts = reader.Strings(name);
        if (texts.Length > FieldLimits.Items)
        {
            throw reader.Error(name, $"holds {texts.Length} items; at most {FieldLimits.Items}");
        }

        if (texts.Length == 0)
        {
            return [];
        }

        var items = new ConfigurationItemId[texts.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            if (!TicketServiceFields.IsId(texts[i]) || !seen.Add(texts[i]))
            {
                throw reader.Error(name, "must hold distinct ids (non-blank, no control characters)");
            }

            items[i] = new ConfigurationItemId(texts[i]);
        }

        return items;
    }
}
