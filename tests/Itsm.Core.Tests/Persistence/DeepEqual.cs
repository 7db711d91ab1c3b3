using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// Compares two objects by their public instance properties, recursively: collections item by
/// item, dictionaries entry by entry, NodaTime values, primitives, strings and enums by
/// <see cref="object.Equals(object)"/>. Returns the path of the first difference, or null.
/// </summary>
public static class DeepEqual
{
    private const int MaxDepth = 12;

    public static string? FirstDifference(object? expected, object? actual, string path = "") => Compare(expected, actual, path, 0);

    public static void Assert(object? expected, object? actual, string what)
    {
        if (FirstDifference(expected, actual, what) is { } difference)
        {
            Xunit.Assert.Fail(difference);
        }
    }

    private static string? Compare(object? expected, object? actual, string path, int depth)
    {
        if (ReferenceEquals(expected, actual))
        {
            return null;
        }

        if (expected is null || actual is null)
        {
            return $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (depth > MaxDepth)
        {
            return $"{path}: nested too deep to compare";
        }

        var type = expected.GetType();
        if (IsSimple(type))
        {
            return type == actual.GetType() && expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (expected is IEnumerable left && actual is IEnumerable right)
        {
            var a = left.Cast<object?>().ToList();
            var b = right.Cast<object?>().ToList();
            if (a.Count != b.Count)
            {
                return $"{path}: expected {a.Count} items, got {b.Count}";
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (Compare(a[i], b[i], $"{path}[{i}]", depth + 1) is { } difference)
                {
                    return difference;
                }
            }

            return null;
        }

        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            if (Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", depth + 1) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type.Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true
        || type == typeof(Itsm.Requests.CatalogValue); // compared by value; its accessors throw for the other kinds

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };
}
