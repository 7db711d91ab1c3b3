using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Json.Schema;

namespace Itsm.ProcessMining.Tests;

/// <summary>The published OCEL 2.0 JSON schema (Schema/README.md names its origin), evaluated with JsonSchema.Net.</summary>
internal static class OcelSchema
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schema", "ocel20-schema-json.json"));

    // Format validation is required: the schema's only "format" is date-time, on every time, and without
    // this a draft-07 evaluator treats it as an annotation and would pass any text.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The schema's errors for a document, each with the location it is at; empty when the document validates.</summary>
    public static IReadOnlyList<string> Errors(JsonElement document)
    {
        var results = Schema.Evaluate(document, Options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in results.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                errors.Add($"{detail.InstanceLocation}: {keyword}: {message}");
            }
        }

        // A failed evaluation always names at least one error; an empty list here must not read as valid.
        return errors.Count > 0 ? errors : ["invalid, with no error detail"];
    }

    /// <summary>The schema's errors for a document given as JSON text.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Errors(document.RootElement);
    }
}
