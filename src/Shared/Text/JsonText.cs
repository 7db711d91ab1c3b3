using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Itsm.Text;

/// <summary>
/// Finds text in a parsed JSON document that is no valid UTF-16 once unescaped: an escaped unpaired surrogate such as
/// <c>"\uD800"</c> in a string or a property name. The parser accepts it, and reading that string later throws an
/// <see cref="InvalidOperationException"/>; a definition reader checks the whole document once instead, and refuses it
/// with its own exception naming the path.
/// </summary>
/// <remarks>Shared as source by Itsm.BusinessTime and Itsm.Core (with <see cref="QuotedText"/>).</remarks>
internal static class JsonText
{
    /// <summary>The problem of the first invalid string or property name in document order, as <c>$.a[0].b: ...</c>; <c>null</c> when all text is valid.</summary>
    internal static string? FindInvalid(JsonElement root)
    {
        var path = new List<string>();
        if (IsText(root, path))
        {
            return null;
        }

        path.Reverse();
        return $"${string.Concat(path)}: is not valid text (an unpaired surrogate).";
    }

    // Depth-first; on failure the path's segments are added innermost first. The parser's depth limit bounds the recursion.
    private static bool IsText(JsonElement element, List<string> path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsText(item, path))
                    {
                        path.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}]"));
                        return false;
                    }

                    i++;
                }

                return true;

            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        path.Add(" (a property name)");
                        return false;
                    }

                    if (!IsText(property.Value, path))
                    {
                        path.Add("." + QuotedText.Of(name));
                        return false;
                    }
                }

                return true;

            default:
                return true;
        }
    }
}
