using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>Normalizes lists of ids: no null or blank entries; sorted ordinally, without duplicates.</summary>
internal static class Names
{
    internal static string[] Normalize(IEnumerable<string>? names, string paramName)
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

        return list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    internal static string[] NormalizeRequired(IEnumerable<string> names, string paramName) =>
        Normalize(Guard.Against.Null(names, paramName), paramName);

    internal static string? Optional(string? value, string paramName)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must be null or not blank.", paramName);
        }

        return value;
    }

    internal static string Required(string value, string paramName) => Guard.Against.NullOrWhiteSpace(value, paramName);
}
