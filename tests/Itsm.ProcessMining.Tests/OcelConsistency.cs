using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NodaTime.Text;

namespace Itsm.ProcessMining.Tests;

/// <summary>
/// What the OCEL 2.0 standard requires of a log beyond its JSON schema, which checks shapes only: unique ids,
/// relationships that name objects of the log, every event and object type declared with the attributes its
/// events and objects carry, non-empty qualifiers, and times in ISO-8601 with an offset.
/// </summary>
internal static class OcelConsistency
{
    /// <summary>Every breach of those rules in the document; empty when there is none.</summary>
    public static IReadOnlyList<string> Problems(JsonNode document)
    {
        var problems = new List<string>();
        var eventTypes = Declarations(document, "eventTypes", problems);
        var objectTypes = Declarations(document, "objectTypes", problems);
        var objectIds = new HashSet<string>();
        foreach (var item in Array(document, "objects"))
        {
            var id = Text(item, "id");
            if (!objectIds.Add(id))
            {
                problems.Add($"object id {id} is not unique");
            }
        }

        var eventIds = new HashSet<string>();
        foreach (var item in Array(document, "events"))
        {
            var id = Text(item, "id");
            if (!eventIds.Add(id))
            {
                problems.Add($"event id {id} is not unique");
            }

            CheckTime(Text(item, "time"), $"event {id}", problems);
            CheckTyped(item, eventTypes, $"event {id}", problems);
            CheckRelationships(item, objectIds, $"event {id}", problems);
        }

        foreach (var item in Array(document, "objects"))
        {
            var id = Text(item, "id");
            CheckTyped(item, objectTypes, $"object {id}", problems);
            CheckRelationships(item, objectIds, $"object {id}", problems);
            foreach (var attribute in Array(item, "attributes"))
            {
                CheckTime(Text(attribute, "time"), $"object {id} attribute {Text(attribute, "name")}", problems);
            }
        }

        return problems;
    }

    private static Dictionary<string, HashSet<string>> Declarations(JsonNode document, string section, List<string> problems)
    {
        var declared = new Dictionary<string, HashSet<string>>();
        foreach (var type in Array(document, section))
        {
            var name = Text(type, "name");
            var attributes = Array(type, "attributes").Select(a => Text(a, "name")).ToList();
            if (!declared.TryAdd(name, [.. attributes]))
            {
                problems.Add($"{section} declares {name} twice");
            }

            if (attributes.Distinct().Count() != attributes.Count)
            {
                problems.Add($"{section} declares an attribute of {name} twice");
            }

            foreach (var attribute in Array(type, "attributes"))
            {
                if (Text(attribute, "type") is not ("string" or "time" or "integer" or "float" or "boolean"))
                {
                    problems.Add($"{section} {name}: attribute {Text(attribute, "name")} has type {Text(attribute, "type")}, not an OCEL 2.0 type");
                }
            }
        }

        return declared;
    }

    private static void CheckTyped(JsonNode item, Dictionary<string, HashSet<string>> declared, string what, List<string> problems)
    {
        var type = Text(item, "type");
        if (!declared.TryGetValue(type, out var attributes))
        {
            problems.Add($"{what} has the undeclared type {type}");
            return;
        }

        foreach (var attribute in Array(item, "attributes"))
        {
            if (!attributes.Contains(Text(attribute, "name")))
            {
                problems.Add($"{what} has the attribute {Text(attribute, "name")}, which its type {type} does not declare");
            }
        }
    }

    private static void CheckRelationships(JsonNode item, HashSet<string> objectIds, string what, List<string> problems)
    {
        foreach (var relationship in Array(item, "relationships"))
        {
            if (!objectIds.Contains(Text(relationship, "objectId")))
            {
                problems.Add($"{what} relates to {Text(relationship, "objectId")}, which is not an object of the log");
            }

            if (Text(relationship, "qualifier").Length == 0)
            {
                problems.Add($"{what} has a relationship with an empty qualifier");
            }
        }
    }

    private static void CheckTime(string text, string what, List<string> problems)
    {
        // The offset pattern demands an offset ("Z" or "+hh:mm"): a local time would be ambiguous to a reader.
        if (!OffsetDateTimePattern.ExtendedIso.Parse(text).Success)
        {
            problems.Add($"{what}: time '{text}' is not ISO-8601 with an offset");
        }
    }

    private static IEnumerable<JsonNode> Array(JsonNode node, string name) => node[name]?.AsArray().Select(n => n!) ?? [];

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? string.Empty;
}
