using System.Collections.Generic;
using System.Text;
using Itsm.Common;
using Itsm.Incidents;

namespace Itsm.Import;

/// <summary>How the replay reads a row's values through the mapping; an unmapped or missing value is a <see cref="RowException"/>.</summary>
internal sealed partial class TicketReplay
{
    private StateRule RuleOf(SourceRow row)
    {
        var status = row.Values[mapping.Status] ?? throw Missing(row, [mapping.Status]);
        var subStatus = mapping.SubStatus >= 0 ? row.Values[mapping.SubStatus] : null;
        return _spec.FindState(status, subStatus)
            ?? throw new RowException("unknown-state", subStatus is null
                ? $"Row {row.Number}: {_spec.Status} '{ImportText.Quote(status)}' is not among the mapping's states."
                : $"Row {row.Number}: {_spec.Status} '{ImportText.Quote(status)}' with {_spec.SubStatus} '{ImportText.Quote(subStatus)}' is not among the mapping's states.");
    }

    private Impact? ImpactOf(SourceRow row) => Lookup(row, mapping.Impact, _spec.ImpactValues);

    private Urgency? UrgencyOf(SourceRow row) => Lookup(row, mapping.Urgency, _spec.UrgencyValues);

    private (int Level, string Label)? LevelOf(SourceRow row) =>
        mapping.SupportLevel >= 0 && row.Values[mapping.SupportLevel] is { } label ? (Lookup(row, mapping.SupportLevel, _spec.SupportLevels)!.Value, label) : null;

    /// <summary>The mapped value of a column; null when the mapping names no such column or the row has no value there.</summary>
    private T? Lookup<T>(SourceRow row, int slot, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        if (slot < 0 || row.Values[slot] is not { } text)
        {
            return null;
        }

        return values.TryGetValue(text, out var value) ? value
            : throw new RowException($"bad-value:{mapping.ColumnOf(slot)}", $"Row {row.Number}: {mapping.ColumnOf(slot)} '{ImportText.Quote(text)}' is not among the mapping's values ({string.Join(", ", values.Keys)}).");
    }

    /// <summary>The resolution code of a resolving row, and the words of the notes that say where it came from.</summary>
    private (IncidentResolutionCode Code, string Source) ResolutionOf(SourceRow row, StateRule rule)
    {
        var fallback = rule.ResolutionCode ?? _spec.DefaultResolutionCode;
        if (mapping.ResolutionCode < 0 || row.Values[mapping.ResolutionCode] is not { } text)
        {
            return fallback is { } code ? (code, string.Empty) : throw Missing(row, [mapping.ResolutionCode]);
        }

        string column = _spec.ResolutionCode!;
        if (_spec.ResolutionCodes.TryGetValue(text, out var mapped))
        {
            return (mapped, $"; {column} '{ImportText.Quote(text)}'");
        }

        // Real instances define their own close codes; the notes keep the source's code, so nothing is lost.
        return _spec.DefaultResolutionCode is { } byDefault
            ? (byDefault, $"; {column} '{ImportText.Quote(text)}', which the mapping does not name, recorded as {byDefault}")
            : throw new RowException($"bad-value:{column}", $"Row {row.Number}: {column} '{ImportText.Quote(text)}' is not among the mapping's resolution codes and the mapping has no default.");
    }

    // One Actor per source actor for the whole import: rows by the same person share it (an actor is immutable),
    // instead of each row building one and sorting its (empty) roles. Only an actor that was built is kept, so a
    // bad id fails on each of its rows as before.
    private Actor ActorOf(string id, SourceRow row)
    {
        if (_actors.TryGetValue(CheckId(id, row, "actor"), out var actor))
        {
            return actor;
        }

        actor = new Actor(id);
        _actors.Add(id, actor);
        return actor;
    }

    private string CheckId(string value, SourceRow row, string what) =>
        IdText.IsValid(value) ? value : throw new RowException($"bad-value:{what}", $"Row {row.Number}: the {what} '{ImportText.Quote(value)}' holds a control character or an unpaired surrogate.");

    private RowException Missing(SourceRow row, int[] slots)
    {
        string column = slots.Length > 0 && slots[0] >= 0 ? mapping.ColumnOf(slots[0]) : "?";
        string columns = string.Join(", ", System.Array.ConvertAll(slots, s => s >= 0 ? mapping.ColumnOf(s) : "?"));
        return new RowException($"missing-value:{column}", $"Row {row.Number}: {columns} {(slots.Length > 1 ? "are all" : "is")} empty and the mapping has no default.");
    }

    /// <summary>The first non-null value of the columns over the ticket's rows in order (the value when the ticket was first seen with one).</summary>
    private static string? FirstAcross(TicketRows ticket, int[] slots)
    {
        foreach (var row in ticket.Rows)
        {
            if (BoundMapping.First(row, slots) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The last non-null value of a column over the ticket's rows (its latest value).</summary>
    private static string? LastAcross(TicketRows ticket, int slot)
    {
        for (int i = ticket.Rows.Count - 1; i >= 0; i--)
        {
            if (ticket.Rows[i].Values[slot] is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// The short description: the source's key first (the library has no external-number field yet, so
    /// the key is how a user finds the ticket), then the source's short description and details (category,
    /// subcategory) as last recorded: <c>INC0010002: Mail is down (Category 55 / Subcategory 170)</c>.
    /// </summary>
    private string Describe(TicketRows ticket)
    {
        var text = new StringBuilder(ticket.Key);
        string? description = null;
        foreach (int slot in mapping.ShortDescription)
        {
            description ??= LastAcross(ticket, slot);
        }

        if (description is not null)
        {
            text.Append(": ").Append(description);
        }

        var details = new List<string>();
        foreach (int slot in mapping.Details)
        {
            if (LastAcross(ticket, slot) is { } detail)
            {
                details.Add(detail);
            }
        }

        if (details.Count > 0)
        {
            text.Append(" (").AppendJoin(" / ", details).Append(')');
        }

        // Key, description and details together may pass the title limit that each source field keeps on
        // its own; the summary is cut (never inside a surrogate pair) rather than the ticket refused.
        if (text.Length > FieldLimits.Title)
        {
            int end = FieldLimits.Title - 1;
            if (char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            text.Length = end;
            text.Append('…');
        }

        return text.ToString();
    }
}
