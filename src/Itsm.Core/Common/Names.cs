using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>Normalizes lists of ids: no null or blank entries, within <see cref="FieldLimits"/>; sorted ordinally, without duplicates.</summary>
internal static class Names
{
    internal static string[] Normalize(IEnumerable<string>? names, string paramName, int maxItems = FieldLimits.Items)
    {
        if (names is null)
        {
            return [];
        }

        var list = names.ToArray();
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A name is null or blank.", paramName);
        }

        FieldCheck.Items(list, maxItems, FieldLimits.Id, paramName);

        return list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    internal static string[] NormalizeRequired(IEnumerable<string> names, string paramName, int maxItems = FieldLimits.Items) =>
        Normalize(Guard.Against.Null(names, paramName), paramName, maxItems);

    internal static string? Optional(string? value, string paramName)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must be null or not blank.", paramName);
        }

        return FieldCheck.Length(value, FieldLimits.Id, paramName);
    }

    internal static string Required(string value, string paramName) => FieldCheck.Required(value, FieldLimits.Id, paramName);
}
