using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.ProcessMining;

/// <summary>
/// Writes one OCEL 2.0 JSON log: the events as the entries arrive (each written once and forgotten), then,
/// at the end, the event types, the object types and the objects, which only the whole log determines.
/// </summary>
/// <remarks>
/// JSON objects are unordered, so writing <c>"events"</c> before the type declarations is still OCEL 2.0; it
/// is what lets an export of millions of entries stream. Every attribute value is written as a JSON string,
/// because the published OCEL 2.0 JSON schema types every <c>value</c> as a string; the declarations name
/// the type that string holds.
/// </remarks>
internal sealed class OcelLogWriter : IAsyncDisposable
{
    // The writer buffers this much before handing it to the stream, so a large log never sits in memory.
    private const int FlushThreshold = 64 * 1024;

    // Valid JSON for every reader; only non-ASCII text and HTML-sensitive characters stay unescaped, which
    // keeps names and times (the '+' of an offset) readable. The log is a file, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] FixedAttributes = ["actor", "command", "fromState", "toState", "version"];

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly OcelObjects _objects = new();
    private readonly Dictionary<string, List<string>> _eventTypes = new(StringComparer.Ordinal);
    private readonly List<string> _eventTypeOrder = [];
    private readonly List<(string ObjectId, string Qualifier)> _related = [];
    private readonly List<string> _keys = [];
    private TenantId? _tenant;
    private long _events;

    internal OcelLogWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, WriterOptions);
        _json.WriteStartObject();
        _json.WriteStartArray("events");
    }

    /// <summary>The text of an instant in the log: ISO-8601 in UTC with the <c>Z</c> offset, to the nanosecond when it has one.</summary>
    internal static string Time(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>Writes the entry's event and applies it to the objects.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="parameterName">The name of the argument the entries came from, for the exceptions.</param>
    /// <exception cref="ArgumentException">The entry is null, belongs to another tenant than the entries before it, or repeats a record's version.</exception>
    internal void Add(AuditEntry? entry, string parameterName)
    {
        if (entry is null)
        {
            throw new ArgumentException("The entries hold a null entry.", parameterName);
        }

        _tenant ??= entry.Tenant;
        if (entry.Tenant != _tenant)
        {
            throw new ArgumentException($"The entries belong to more than one tenant ('{_tenant}' and '{entry.Tenant}'); export one tenant's log at a time.", parameterName);
        }

        var record = _objects.GetOrAdd(entry.RecordType, entry.RecordId);
        if (!record.AddVersion(entry.Version))
        {
            throw new ArgumentException($"The entries hold version {entry.Version} of {record.Id} twice; each audit entry becomes one event and may be given once.", parameterName);
        }

        var @event = entry.Event;
        record.Set("state", entry.ToState, entry.At);
        _related.Clear();
        _related.Add((record.Id, OcelEventMapping.Record));
        OcelEventMapping.Apply(@event, entry.At, record, _objects, _related);
        var type = @event is UnrecognizedEvent ? entry.RecordType + entry.Command : @event.GetType().Name;
        WriteEvent(entry, record.Id, type);
        _events++;
    }

    /// <summary>Hands the buffered JSON to the stream once enough has gathered.</summary>
    internal ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
        _json.BytesPending >= FlushThreshold ? new ValueTask(_json.FlushAsync(cancellationToken)) : default;

    /// <summary>Closes the events and writes the declarations and the objects; then flushes the stream.</summary>
    internal async Task<OcelExportSummary> FinishAsync(CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        WriteEventTypes();
        WriteObjectTypes();
        _json.WriteStartArray("objects");
        foreach (var item in _objects.InOrder)
        {
            WriteObject(item);
            await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new OcelExportSummary(_events, _objects.InOrder.Count);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void WriteEvent(AuditEntry entry, string recordObjectId, string type)
    {
        var declared = Declare(type);
        _json.WriteStartObject();
        _json.WriteString("id", recordObjectId + ":" + entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _json.WriteString("type", type);
        _json.WriteString("time", Time(entry.At));
        _json.WriteStartArray("attributes");
        WriteEventAttribute(declared, "actor", entry.Actor.Id);
        WriteEventAttribute(declared, "command", entry.Command);
        WriteEventAttribute(declared, "fromState", entry.FromState);
        WriteEventAttribute(declared, "toState", entry.ToState);
        WriteEventAttribute(declared, "version", entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Sorted, so the same entry gives the same event whichever store's dictionary it was read into.
        _keys.Clear();
        _keys.AddRange(entry.Data.Keys);
        _keys.Sort(StringComparer.Ordinal);
        foreach (var key in _keys)
        {
            var name = Array.IndexOf(FixedAttributes, key) >= 0 ? "data." + key : key;
            WriteEventAttribute(declared, name, entry.Data[key]);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("relationships");
        for (int i = 0; i < _related.Count; i++)
        {
            if (_related.IndexOf(_related[i]) == i)
            {
                WriteRelationship(_related[i]);
            }
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    private void WriteEventAttribute(List<string> declared, string name, string value)
    {
        if (!declared.Contains(name))
        {
            declared.Add(name);
        }

        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteString("value", value);
        _json.WriteEndObject();
    }

    private void WriteRelationship((string ObjectId, string Qualifier) relationship)
    {
        _json.WriteStartObject();
        _json.WriteString("objectId", relationship.ObjectId);
        _json.WriteString("qualifier", relationship.Qualifier);
        _json.WriteEndObject();
    }

    private List<string> Declare(string type)
    {
        if (!_eventTypes.TryGetValue(type, out var attributes))
        {
            attributes = [];
            _eventTypes.Add(type, attributes);
            _eventTypeOrder.Add(type);
        }

        return attributes;
    }

    private void WriteEventTypes()
    {
        _json.WriteStartArray("eventTypes");
        foreach (var type in _eventTypeOrder)
        {
            WriteType(type, _eventTypes[type], name => name == "version" ? "integer" : "string");
        }

        _json.WriteEndArray();
    }

    private void WriteObjectTypes()
    {
        var attributesByType = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var typeOrder = new List<string>();
        foreach (var item in _objects.InOrder)
        {
            if (!attributesByType.TryGetValue(item.Type, out var names))
            {
                names = [];
                attributesByType.Add(item.Type, names);
                typeOrder.Add(item.Type);
            }

            foreach (var (name, _, _) in item.Attributes)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        _json.WriteStartArray("objectTypes");
        foreach (var type in typeOrder)
        {
            WriteType(type, attributesByType[type], OcelEventMapping.ObjectAttributeType);
        }

        _json.WriteEndArray();
    }

    private void WriteType(string name, List<string> attributes, Func<string, string> typeOf)
    {
        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteStartArray("attributes");
        foreach (var attribute in attributes)
        {
            _json.WriteStartObject();
            _json.WriteString("name", attribute);
            _json.WriteString("type", typeOf(attribute));
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    private void WriteObject(OcelObject item)
    {
        _json.WriteStartObject();
        _json.WriteString("id", item.Id);
        _json.WriteString("type", item.Type);
        _json.WriteStartArray("attributes");
        foreach (var (name, value, time) in item.Attributes)
        {
            _json.WriteStartObject();
            _json.WriteString("name", name);
            _json.WriteString("value", value);
            _json.WriteString("time", Time(time));
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("relationships");
        foreach (var relationship in item.Relationships)
        {
            WriteRelationship(relationship);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }
}
