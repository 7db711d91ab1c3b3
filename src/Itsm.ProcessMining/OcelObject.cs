using System.Collections.Generic;
using NodaTime;

namespace Itsm.ProcessMining;

/// <summary>
/// One OCEL object as the export gathers it: a record of the audit log, or a record another record links
/// to. Held in memory until the log's end, so its size is bounded by the number of records, not of entries.
/// </summary>
internal sealed class OcelObject
{
    private readonly Dictionary<string, string> _current = new(System.StringComparer.Ordinal);
    private readonly List<(string ObjectId, string Qualifier)> _relationships = [];
    private HashSet<long>? _versions;

    internal OcelObject(string id, string type)
    {
        Id = id;
        Type = type;
    }

    /// <summary>The object's id: <c>{record type}:{record id}</c>.</summary>
    internal string Id { get; }

    /// <summary>The object's type: the record type.</summary>
    internal string Type { get; }

    /// <summary>Every value each attribute took, in the order the log set them, with the instant it took it.</summary>
    internal List<(string Name, string Value, Instant Time)> Attributes { get; } = [];

    /// <summary>The object-to-object relationships in effect at the end of the log.</summary>
    internal IReadOnlyList<(string ObjectId, string Qualifier)> Relationships => _relationships;

    /// <summary>Records that the log holds this record's entry at <paramref name="version"/>.</summary>
    /// <returns><see langword="false"/> when that version was seen before.</returns>
    internal bool AddVersion(long version) => (_versions ??= []).Add(version);

    /// <summary>Gives the attribute a new value at <paramref name="time"/>, unless it already has that value.</summary>
    internal void Set(string name, string value, Instant time)
    {
        if (_current.TryGetValue(name, out var current) && current == value)
        {
            return;
        }

        _current[name] = value;
        Attributes.Add((name, value, time));
    }

    /// <summary>
    /// Like <see cref="Set"/>; a null value clears an attribute that has a value (to the empty string, as OCEL
    /// values are never null) and leaves an attribute that never had one absent.
    /// </summary>
    internal void SetOrClear(string name, string? value, Instant time)
    {
        if (value is not null)
        {
            Set(name, value, time);
        }
        else if (_current.ContainsKey(name))
        {
            Set(name, string.Empty, time);
        }
    }

    /// <summary>Adds a relationship (a link a record may hold many of); a repeated one is kept once.</summary>
    internal void Relate(string objectId, string qualifier)
    {
        if (!_relationships.Contains((objectId, qualifier)))
        {
            _relationships.Add((objectId, qualifier));
        }
    }

    /// <summary>Sets the one relationship with this qualifier (a link a record holds one of), replacing any earlier one.</summary>
    internal void RelateOnly(string objectId, string qualifier)
    {
        _relationships.RemoveAll(r => r.Qualifier == qualifier);
        _relationships.Add((objectId, qualifier));
    }

    /// <summary>Removes a relationship, if present.</summary>
    internal void Unrelate(string objectId, string qualifier) => _relationships.Remove((objectId, qualifier));

    /// <summary>The object the relationship with this qualifier names, if any (the latest, for a repeated qualifier).</summary>
    internal string? Related(string qualifier)
    {
        for (int i = _relationships.Count - 1; i >= 0; i--)
        {
            if (_relationships[i].Qualifier == qualifier)
            {
                return _relationships[i].ObjectId;
            }
        }

        return null;
    }

    /// <summary>The objects related with this qualifier, in the order they were related.</summary>
    internal IEnumerable<string> AllRelated(string qualifier)
    {
        foreach (var (objectId, q) in _relationships)
        {
            if (q == qualifier)
            {
                yield return objectId;
            }
        }
    }
}
