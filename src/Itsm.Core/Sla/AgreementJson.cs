using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>Reads and writes agreement definitions as JSON (docs/sla-definitions-json.md): the entry points, which parse or write the document and report every problem found in one <see cref="SlaDefinitionException"/>.</summary>
internal static class AgreementJson
{
    internal static IReadOnlyList<Agreement> ReadMany(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var root = document.RootElement;
        var errors = new List<string>();
        var agreements = new List<Agreement>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("agreements", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new SlaDefinitionException(["the document must be an object with an 'agreements' list."], paramName);
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "agreements")
            {
                errors.Add($"'{QuotedText.Of(property.Name)}' is not a property of the document (expected agreements).");
            }
        }

        int i = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            var agreement = AgreementJsonReader.ReadAgreement(item, $"agreements[{i}]", errors);
            if (agreement is not null && !ids.Add(agreement.Id))
            {
                errors.Add($"agreements[{i}].id: '{QuotedText.Of(agreement.Id)}' is used by an earlier agreement.");
            }

            if (agreement is not null)
            {
                agreements.Add(agreement);
            }

            i++;
        }

        if (errors.Count > 0)
        {
            throw new SlaDefinitionException(errors, paramName);
        }

        return agreements;
    }

    internal static Agreement ReadOne(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var errors = new List<string>();
        var agreement = AgreementJsonReader.ReadAgreement(document.RootElement, "agreement", errors);
        if (errors.Count > 0 || agreement is null)
        {
            throw new SlaDefinitionException(errors.Count > 0 ? errors : ["agreement: could not be read."], paramName);
        }

        return agreement;
    }

    internal static string WriteMany(IEnumerable<Agreement> agreements) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("agreements");
        foreach (var agreement in agreements)
        {
            AgreementJsonWriter.WriteAgreement(writer, agreement);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    internal static string WriteOne(Agreement agreement) => Write(writer => AgreementJsonWriter.WriteAgreement(writer, agreement));

    private static JsonDocument Parse(string json, string paramName) =>
        DefinitionJson.ParseChecked(json, problem => new SlaDefinitionException([problem], paramName));

    private static string Write(Action<Utf8JsonWriter> write) => DefinitionJson.Write(write);
}
