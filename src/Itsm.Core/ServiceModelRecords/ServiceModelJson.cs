using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>
/// The JSON of a service model's parts (docs/record-state.md): the stored record's state and its
/// events' audit data share it, so an event reads back exactly the part its command stored.
/// Enums are written by name; every list is written (empty when empty).
/// </summary>
internal static class ServiceModelJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every part of <paramref name="model"/> as properties of the current object.</summary>
    internal static void WriteParts(Utf8JsonWriter w, ServiceModel model)
    {
        WriteList(w, "relationshipTypes", HostDefinedTypes(model), WriteType);
        WriteList(w, "services", model.Services.Values, WriteService);
        WriteList(w, "offerings", model.Offerings.Values, WriteOffering);
        WriteList(w, "configurationItems", model.ConfigurationItems.Values, WriteItem);
        WriteList(w, "suppliers", model.Suppliers.Values, WriteSupplier);
        WriteList(w, "supportGroups", model.SupportGroups.Values, WriteGroup);
        WriteList(w, "practices", model.Practices.Values, WritePractice);
        WriteList(w, "valueStreams", model.ValueStreams.Values, WriteStream);
    }

    /// <summary>Reads the parts <see cref="WriteParts"/> wrote into a builder (not yet built).</summary>
    /// <exception cref="JsonException">A part is malformed.</exception>
    /// <exception cref="ArgumentException">A part's values are invalid.</exception>
    internal static ServiceModelBuilder ReadParts(JsonElement e)
    {
        var builder = new ServiceModelBuilder();
        var types = new Dictionary<string, RelationshipType>(StringComparer.Ordinal);
        foreach (var type in RelationshipType.BuiltIn)
        {
            types[type.Name] = type;
        }

        foreach (var x in Items(e, "relationshipTypes"))
        {
            var type = ReadType(x);
            builder.Add(type);
            types[type.Name] = type;
        }

        Items(e, "services").ForEach(x => builder.Add(ReadService(x)));
        Items(e, "offerings").ForEach(x => builder.Add(ReadOffering(x)));
        Items(e, "configurationItems").ForEach(x => builder.Add(ReadItem(x, types)));
        Items(e, "suppliers").ForEach(x => builder.Add(ReadSupplier(x)));
        Items(e, "supportGroups").ForEach(x => builder.Add(ReadGroup(x)));
        Items(e, "practices").ForEach(x => builder.Add(ReadPractice(x)));
        Items(e, "valueStreams").ForEach(x => builder.Add(ReadStream(x)));
        return builder;
    }

    /// <summary>A whole model as one JSON object of its parts.</summary>
    internal static string WriteModel(ServiceModel model) => Write(model, static (w, m) =>
    {
        w.WriteStartObject();
        WriteParts(w, m);
        w.WriteEndObject();
    });

    /// <summary>One part as a JSON object, for an event's audit data.</summary>
    internal static string Write<T>(T part, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            write(w, part);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One part from an event's audit data, or null when the data does not hold a valid one.</summary>
    internal static T? Read<T>(IReadOnlyDictionary<string, string> data, string key, Func<JsonElement, T> read)
        where T : class
    {
        if (!data.TryGetValue(key, out var json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or Itsm.Common.DomainRuleViolationException)
        {
            return null;
        }
    }

    /// <summary>The relationship types a model holds beyond the built-in ones.</summary>
    internal static IEnumerable<RelationshipType> HostDefinedTypes(ServiceModel model) =>
        model.RelationshipTypes.Values.Where(t => RelationshipType.BuiltInNamed(t.Name) != t);

    internal static void WriteType(Utf8JsonWriter w, RelationshipType t)
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WriteString("reverseName", t.ReverseName);
        w.WriteString("flow", t.Flow.ToString());
        w.WriteBoolean("acyclic", t.Acyclic);
        w.WriteEndObject();
    }

    internal static RelationshipType ReadType(JsonElement e) =>
        new(Str(e, "name"), Str(e, "reverseName"), Enum<ImpactFlow>(e, "flow"), e.GetProperty("acyclic").GetBoolean());

    internal static void WriteService(Utf8JsonWriter w, Service s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        w.WriteString("owner", s.Owner);
        w.WriteString("supportGroup", s.SupportGroup);
        Strings(w, "configurationItems", s.ConfigurationItems);
        Strings(w, "agreements", s.Agreements);
        Strings(w, "knowledgeArticles", s.KnowledgeArticles);
        Strings(w, "valueStreams", s.ValueStreams);
        w.WriteString("status", s.Status.ToString());
        w.WriteString("criticality", s.Criticality.ToString());
        w.WriteEndObject();
    }

    internal static Service ReadService(JsonElement e) => new(
        Str(e, "id"),
        Str(e, "name"),
        NullableStr(e, "owner"),
        NullableStr(e, "supportGroup"),
        Strs(e, "configurationItems"),
        Strs(e, "agreements"),
        Strs(e, "knowledgeArticles"),
        Strs(e, "valueStreams"),
        Enum<ServiceStatus>(e, "status"))
    {
        Criticality = Enum<BusinessCriticality>(e, "criticality"),
    };

    internal static void WriteOffering(Utf8JsonWriter w, ServiceOffering o)
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("name", o.Name);
        w.WriteString("service", o.Service);
        w.WriteString("owner", o.Owner);
        w.WriteString("supportGroup", o.SupportGroup);
        Strings(w, "agreements", o.Agreements);
        w.WriteString("status", o.Status.ToString());
        w.WriteEndObject();
    }

    internal static ServiceOffering ReadOffering(JsonElement e) => new(
        Str(e, "id"), Str(e, "name"), Str(e, "service"), NullableStr(e, "owner"), NullableStr(e, "supportGroup"), Strs(e, "agreements"), Enum<ServiceStatus>(e, "status"));

    internal static void WriteItem(Utf8JsonWriter w, ConfigurationItem i)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("name", i.Name);
        w.WriteStartArray("relationships");
        foreach (var r in i.Relationships)
        {
            WriteRelationship(w, r);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads an item; a relationship's type is its own definition when written, else looked up in <paramref name="types"/> (null: the built-in ones).</summary>
    internal static ConfigurationItem ReadItem(JsonElement e, IReadOnlyDictionary<string, RelationshipType>? types) =>
        new(Str(e, "id"), Str(e, "name"), null, Items(e, "relationships").Select(r => ReadRelationship(r, types)).ToArray());

    internal static ConfigurationItem ReadItem(JsonElement e) => ReadItem(e, null);

    /// <summary>A relationship: its type's name, its target, and a host-defined type's definition, so an event reads alone.</summary>
    internal static void WriteRelationship(Utf8JsonWriter w, ConfigurationItemRelationship r)
    {
        w.WriteStartObject();
        w.WriteString("type", r.Type.Name);
        w.WriteString("target", r.Target);
        if (RelationshipType.BuiltInNamed(r.Type.Name) != r.Type)
        {
            w.WritePropertyName("definition");
            WriteType(w, r.Type);
        }

        w.WriteEndObject();
    }

    internal static ConfigurationItemRelationship ReadRelationship(JsonElement e, IReadOnlyDictionary<string, RelationshipType>? types)
    {
        string name = Str(e, "type");
        var type = e.TryGetProperty("definition", out var definition) ? ReadType(definition)
            : types is not null && types.TryGetValue(name, out var known) ? known
            : RelationshipType.BuiltInNamed(name) ?? throw new JsonException($"The relationship type '{Itsm.Text.QuotedText.Of(name)}' is not defined.");
        return new ConfigurationItemRelationship(type, Str(e, "target"));
    }

    internal static void WriteSupplier(Utf8JsonWriter w, Supplier s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        w.WriteString("kind", s.Kind.ToString());
        Strings(w, "contracts", s.Contracts);
        Strings(w, "services", s.Services);
        Strings(w, "configurationItems", s.ConfigurationItems);
        w.WriteEndObject();
    }

    internal static Supplier ReadSupplier(JsonElement e) => new(
        Str(e, "id"), Str(e, "name"), Enum<SupplierKind>(e, "kind"), Strs(e, "contracts"), Strs(e, "services"), Strs(e, "configurationItems"));

    internal static void WriteGroup(Utf8JsonWriter w, SupportGroup g)
    {
        w.WriteStartObject();
        w.WriteString("name", g.Name);
        Strings(w, "members", g.Members);
        w.WriteEndObject();
    }

    internal static SupportGroup ReadGroup(JsonElement e) => new(Str(e, "name"), Strs(e, "members"));

    private static void WritePractice(Utf8JsonWriter w, Practice p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteString("processOwner", p.ProcessOwner);
        Strings(w, "kpis", p.Kpis);
        w.WriteEndObject();
    }

    private static Practice ReadPractice(JsonElement e) => new(Str(e, "name"), Str(e, "processOwner"), Strs(e, "kpis"));

    private static void WriteStream(Utf8JsonWriter w, ValueStream s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteStartArray("steps");
        foreach (var step in s.Steps)
        {
            w.WriteStartObject();
            w.WriteString("name", step.Name);
            w.WriteString("activity", step.Activity.ToString());
            Strings(w, "practices", step.Practices);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static ValueStream ReadStream(JsonElement e) => new(
        Str(e, "name"),
        Items(e, "steps").Select(s => new ValueStreamStep(Str(s, "name"), Enum<ValueChainActivity>(s, "activity"), Strs(s, "practices"))).ToArray());

    private static void WriteList<T>(Utf8JsonWriter w, string name, IEnumerable<T> parts, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var part in parts)
        {
            write(w, part);
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static List<JsonElement> Items(JsonElement e, string name) =>
        e.GetProperty(name) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : throw new JsonException($"'{name}' must be a list.");

    private static string Str(JsonElement e, string name) =>
        e.GetProperty(name).GetString() ?? throw new JsonException($"'{name}' must be a string.");

    private static string? NullableStr(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string[] Strs(JsonElement e, string name) => Items(e, name).Select(x => x.GetString() ?? throw new JsonException($"'{name}' holds a null.")).ToArray();

    private static TEnum Enum<TEnum>(JsonElement e, string name)
        where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(Str(e, name), ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new JsonException($"'{name}' is not a {typeof(TEnum).Name}.");
}
