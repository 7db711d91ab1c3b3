using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Requests;

/// <summary>Reads and writes catalog item definitions as JSON (docs/catalog-items-json.md): the entry points, which parse or write the document and report every problem in one <see cref="CatalogItemDefinitionException"/>.</summary>
internal static class CatalogItemJson
{
    internal static CatalogItem ReadOne(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var errors = new List<string>();
        var item = CatalogItemJsonReader.ReadItem(document.RootElement, "item", errors);
        if (errors.Count > 0 || item is null)
        {
            throw new CatalogItemDefinitionException(errors.Count > 0 ? errors : ["item: could not be read."], paramName);
        }

        return item;
    }

    internal static IReadOnlyList<CatalogItem> ReadMany(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogItemDefinitionException(["the document must be an object with an 'items' list."], paramName);
        }

        var errors = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "items")
            {
                errors.Add($"'{QuotedText.Of(property.Name)}' is not a property of the document (expected items).");
            }
        }

        var items = new List<CatalogItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var element in array.EnumerateArray())
        {
            string path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"items[{i++}]");
            if (CatalogItemJsonReader.ReadItem(element, path, errors) is { } item)
            {
                if (!ids.Add(item.Id))
                {
                    errors.Add($"{path}.id: '{QuotedText.Of(item.Id)}' is used by an earlier item.");
                }

                items.Add(item);
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogItemDefinitionException(errors, paramName);
        }

        return items;
    }

    internal static string WriteOne(CatalogItem item, bool indented = true) =>
        DefinitionJson.Write(writer => CatalogItemJsonWriter.WriteItem(writer, item), indented);

    internal static string WriteMany(IEnumerable<CatalogItem> items) => DefinitionJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            CatalogItemJsonWriter.WriteItem(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static JsonDocument Parse(string json, string paramName)
    {
        ArgumentNullException.ThrowIfNull(json, paramName);
        return DefinitionJson.ParseChecked(json, problem => new CatalogItemDefinitionException([problem], paramName));
    }
}
