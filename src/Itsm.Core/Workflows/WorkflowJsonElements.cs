using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Text;

namespace Itsm.Workflows;

/// <summary>The plain values of workflow JSON (objects, strings, lists), each problem reported with its path and code <see cref="WorkflowProblemCode.InvalidJson"/>.</summary>
internal static class WorkflowJsonElements
{
    internal static WorkflowProblem Shape(string path, string message) =>
        Problem(WorkflowProblemCode.InvalidJson, path, message);

    internal static WorkflowProblem Problem(WorkflowProblemCode code, string path, string message)
    {
        var subject = path.Length == 0 ? "document" : path;
        return new(code, subject, $"{subject}: {message}");
    }

    internal static string At(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>
    /// Whether <paramref name="element"/> is an object whose properties can be looked up; reports each property that is
    /// not one of <paramref name="known"/> or is given twice. An object with a name that is not valid text is not read
    /// further: looking any property up in it would throw.
    /// </summary>
    internal static bool Object(JsonElement element, string path, string[] known, List<WorkflowProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Shape(path, "must be an object."));
            return false;
        }

        var readable = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                problems.Add(Shape(path, "a property name is not valid text (an unpaired surrogate)."));
                readable = false;
            }
            else if (Array.IndexOf(known, name) < 0)
            {
                problems.Add(Shape(path, $"'{QuotedText.Of(name)}' is not a property here (expected {string.Join(", ", known)})."));
            }
            else if (!seen.Add(name))
            {
                // JsonDocument keeps both; which one a reader takes differs between readers, so neither is taken.
                problems.Add(Shape(At(path, name), "is given twice."));
            }
        }

        return readable;
    }

    internal static string? RequiredString(JsonElement element, string name, string path, List<WorkflowProblem> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            problems.Add(Shape(At(path, name), "is required."));
            return null;
        }

        return String(value, At(path, name), problems);
    }

    internal static string? String(JsonElement value, string path, List<WorkflowProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(Shape(path, "must be a string."));
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            problems.Add(Shape(path, "is not valid text (an unpaired surrogate)."));
            return null;
        }
    }

    /// <summary>The items of list <paramref name="name"/> (absent: none), or <see langword="null"/> when it is not a list.</summary>
    internal static List<(JsonElement Item, string Path)>? List(JsonElement element, string name, string path, List<WorkflowProblem> problems)
    {
        var items = new List<(JsonElement, string)>();
        if (!element.TryGetProperty(name, out var value))
        {
            return items;
        }

        var at = At(path, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Shape(at, "must be a list."));
            return null;
        }

        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add((item, $"{at}[{i++}]"));
        }

        return items;
    }

    /// <summary>The strings of list <paramref name="name"/>, each checked by <paramref name="parse"/> (which reports what it refuses).</summary>
    internal static List<T> Strings<T>(JsonElement element, string name, string path, List<WorkflowProblem> problems, Func<string, string, T?> parse)
        where T : struct
    {
        var values = new List<T>();
        foreach (var (item, at) in List(element, name, path, problems) ?? [])
        {
            if (String(item, at, problems) is { } text && parse(text, at) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
