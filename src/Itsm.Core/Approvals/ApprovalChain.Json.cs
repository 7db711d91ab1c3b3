using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itsm.Common;
using Itsm.Sla;
using Itsm.Text;
using NodaTime;

namespace Itsm.Approvals;

// The JSON definition of a chain (docs/approvals.md, "JSON"), beside the agreement and calendar formats:
// { "name": ..., "levels": [ { "name", "rule": "any" | "all" | "quorum", "count", "approvers": ["person:id" | "role:name"], "due": ISO 8601 } ] }.
public sealed partial record ApprovalChain
{
    /// <summary>
    /// Reads a chain from its JSON definition: <c>name</c>, and <c>levels</c>, each with <c>name</c>, <c>rule</c>
    /// (<c>any</c>, <c>all</c> or <c>quorum</c> with <c>count</c>), <c>approvers</c> (<c>"person:alice"</c>,
    /// <c>"role:finance"</c>; empty or absent for anyone) and an optional <c>due</c> (an ISO 8601 duration such as
    /// <c>"PT8H"</c>). Comments and trailing commas are allowed; unknown properties are refused.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ApprovalChainDefinitionException">
    /// <c>ITSM-APPROVAL-DEF-001</c>: the text is not JSON, or the definition is wrong; <see cref="ApprovalChainDefinitionException.Errors"/>
    /// lists every problem with its path (an <see cref="ArgumentException"/> naming <c>json</c>).
    /// </exception>
    public static ApprovalChain FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = DefinitionJson.ParseChecked(json, problem => new ApprovalChainDefinitionException([problem], nameof(json))))
        {
            var errors = new List<string>();
            var chain = Read(document.RootElement, errors);
            if (errors.Count > 0 || chain is null)
            {
                // Each problem quotes at most a bounded value; the message lists at most 20 like the other definition errors.
                throw new ApprovalChainDefinitionException(errors, nameof(json));
            }

            return chain;
        }
    }

    /// <summary>Writes the chain as the JSON <see cref="FromJson"/> reads (indented; due times as ISO 8601 durations).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            w.WriteStartArray("levels");
            foreach (var level in Levels)
            {
                w.WriteStartObject();
                w.WriteString("name", level.Name);
                w.WriteString("rule", level.Rule.Kind.ToString().ToLowerInvariant());
                if (level.Rule.Kind == ApprovalRuleKind.Quorum)
                {
                    w.WriteNumber("count", level.Rule.Count);
                }

                w.WriteStartArray("approvers");
                foreach (var approver in level.Approvers)
                {
                    w.WriteStringValue((approver.Kind == ApproverKind.Role ? "role:" : "person:") + approver.Id);
                }

                w.WriteEndArray();
                if (level.Due is { } due)
                {
                    w.WriteString("due", AgreementJsonDurations.FormatDuration(due));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static ApprovalChain? Read(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("the document must be an object with a name and levels.");
            return null;
        }

        Unknown(root, "", errors, "name", "levels");
        string? name = Text(root, "name", "name", errors);
        var levels = new List<ApprovalLevel>();
        if (!root.TryGetProperty("levels", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("levels: must be a list of levels.");
        }
        else
        {
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (ReadLevel(item, $"levels[{i++}]", errors) is { } level)
                {
                    levels.Add(level);
                }
            }
        }

        if (errors.Count > 0 || name is null)
        {
            return null;
        }

        return Create(() => new ApprovalChain(name, levels), "levels", errors);
    }

    private static ApprovalLevel? ReadLevel(JsonElement item, string path, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        Unknown(item, path + ".", errors, "name", "rule", "count", "approvers", "due");
        string? name = Text(item, "name", path + ".name", errors);
        ApprovalRule rule = ApprovalRule.Any;
        switch (Text(item, "rule", path + ".rule", errors))
        {
            case "any":
                break;
            case "all":
                rule = ApprovalRule.All;
                break;
            case "quorum":
                if (item.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out int n) && n >= 1)
                {
                    rule = ApprovalRule.Quorum(n);
                }
                else
                {
                    errors.Add($"{path}.count: a quorum needs a whole number of approvals, at least 1.");
                }

                break;
            case { } other:
                errors.Add($"{path}.rule: '{QuotedText.Of(other)}' is not any, all or quorum.");
                break;
        }

        var approvers = new List<Approver>();
        if (item.TryGetProperty("approvers", out var list) && list.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.approvers: must be a list.");
        }
        else if (list.ValueKind == JsonValueKind.Array)
        {
            int j = 0;
            foreach (var a in list.EnumerateArray())
            {
                string text = a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
                string at = $"{path}.approvers[{j++}]";
                var approver = text.StartsWith("person:", StringComparison.Ordinal) ? Create(() => Approver.Person(text[7..]), at, errors)
                    : text.StartsWith("role:", StringComparison.Ordinal) ? Create(() => Approver.Role(text[5..]), at, errors)
                    : null;
                if (approver is not null)
                {
                    approvers.Add(approver);
                }
                else if (!text.StartsWith("person:", StringComparison.Ordinal) && !text.StartsWith("role:", StringComparison.Ordinal))
                {
                    errors.Add($"{at}: must be \"person:<id>\" or \"role:<role>\".");
                }
            }
        }

        Duration? due = null;
        if (item.TryGetProperty("due", out var dueElement))
        {
            if (dueElement.ValueKind == JsonValueKind.String && AgreementJsonDurations.TryParseDuration(dueElement.GetString()!, out var parsed))
            {
                due = parsed;
            }
            else
            {
                errors.Add($"{path}.due: must be an ISO 8601 duration such as \"PT8H\".");
            }
        }

        return errors.Count > before || name is null ? null : Create(() => new ApprovalLevel(name, rule, approvers, due), path, errors);
    }

    private static T? Create<T>(Func<T> create, string path, List<string> errors)
        where T : class
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            errors.Add($"{path}: {QuotedText.Message(e.Message)}");
            return null;
        }
    }

    private static string? Text(JsonElement element, string property, string path, List<string> errors)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        errors.Add($"{path}: must be a non-blank string.");
        return null;
    }

    private static void Unknown(JsonElement element, string prefix, List<string> errors, params string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                errors.Add($"{prefix}{QuotedText.Of(property.Name)}: is not a property (expected {string.Join(", ", known)}).");
            }
        }
    }
}
