using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>Enforces <see cref="FieldLimits"/> on arguments and on the collections records hold.</summary>
internal static class FieldCheck
{
    /// <summary>Refuses null, blank, or longer than <paramref name="max"/>.</summary>
    internal static string Required(string value, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        Guard.Against.NullOrWhiteSpace(value, paramName);
        return Length(value, max, paramName)!;
    }

    /// <summary>Refuses text longer than <paramref name="max"/>; null passes.</summary>
    internal static string? Length(string? value, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is not null && value.Length > max)
        {
            throw new FieldLimitException(FieldLimits.TooLongCode, max, value.Length, paramName);
        }

        return value;
    }

    /// <summary>Refuses more than <paramref name="max"/> items, or an item longer than <paramref name="maxLength"/>.</summary>
    internal static IReadOnlyCollection<string> Items(IReadOnlyCollection<string> values, int max, int maxLength, [CallerArgumentExpression(nameof(values))] string? paramName = null)
    {
        Count(values, max, paramName);
        foreach (var value in values)
        {
            Length(value, maxLength, paramName);
        }

        return values;
    }

    /// <summary>Refuses more than <paramref name="max"/> items.</summary>
    internal static void Count<T>(IReadOnlyCollection<T> values, int max, [CallerArgumentExpression(nameof(values))] string? paramName = null)
    {
        if (values.Count > max)
        {
            throw new FieldLimitException(FieldLimits.TooManyItemsCode, max, values.Count, paramName);
        }
    }

    /// <summary>Refuses a command that would add to a collection of a record already holding <paramref name="max"/> items.</summary>
    internal static void Room(int count, int max, string record, string collection)
    {
        if (count >= max)
        {
            throw new DomainRuleViolationException(
                FieldLimits.CollectionFullCode,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {record} already holds {count} {collection}, the most it may hold ({max})."));
        }
    }
}
