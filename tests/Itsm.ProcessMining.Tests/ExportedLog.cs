using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.ProcessMining.Tests;

/// <summary>An export, as the bytes written and as parsed JSON, with look-ups for the tests.</summary>
internal sealed class ExportedLog
{
    private ExportedLog(byte[] bytes, OcelExportSummary summary)
    {
        Json = Encoding.UTF8.GetString(bytes);
        Document = JsonNode.Parse(bytes)!;
        Summary = summary;
    }

    public string Json { get; }

    public JsonNode Document { get; }

    public OcelExportSummary Summary { get; }

    public IReadOnlyList<JsonNode> Events => Document["events"]!.AsArray().Select(n => n!).ToList();

    public IReadOnlyList<JsonNode> Objects => Document["objects"]!.AsArray().Select(n => n!).ToList();

    public static async Task<ExportedLog> OfAsync(IEnumerable<AuditEntry> entries)
    {
        using var stream = new MemoryStream();
        var summary = await OcelExporter.WriteAsync(entries, stream);
        return new ExportedLog(stream.ToArray(), summary);
    }

    public static ExportedLog Of(byte[] bytes, OcelExportSummary summary) => new(bytes, summary);

    public static string ObjectId(string recordType, object recordId) => $"{recordType}:{recordId}";

    public static string EventId(AuditEntry entry) => $"{entry.RecordType}:{entry.RecordId}:{entry.Version}";

    public IReadOnlyList<string> SchemaErrors()
    {
        using var document = JsonDocument.Parse(Json);
        return OcelSchema.Errors(document.RootElement);
    }

    public IReadOnlyList<string> ConsistencyProblems() => OcelConsistency.Problems(Document);

    public JsonNode Object(string id) => Objects.Single(o => Text(o, "id") == id);

    public JsonNode Event(string id) => Events.Single(e => Text(e, "id") == id);

    /// <summary>The values an object's attribute took, in order.</summary>
    public IReadOnlyList<string> Values(string objectId, string attribute) =>
        Object(objectId)["attributes"]!.AsArray().Where(a => Text(a!, "name") == attribute).Select(a => Text(a!, "value")).ToList();

    /// <summary>The value of an event's attribute, or null.</summary>
    public static string? Attribute(JsonNode item, string name) =>
        item["attributes"]!.AsArray().Where(a => Text(a!, "name") == name).Select(a => Text(a!, "value")).SingleOrDefault();

    public static IReadOnlyList<(string ObjectId, string Qualifier)> Relationships(JsonNode item) =>
        item["relationships"]!.AsArray().Select(r => (Text(r!, "objectId"), Text(r!, "qualifier"))).ToList();

    public static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
