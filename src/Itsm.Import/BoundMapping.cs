using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Itsm.Import;

/// <summary>
/// A mapping bound to a file's header: each column the mapping names gets a slot in the rows kept in
/// memory and the index of its field in the file (-1 for an optional column the file lacks).
/// </summary>
internal sealed class BoundMapping
{
    private readonly Dictionary<string, int> _slots;

    private BoundMapping(MappingSpec spec, IReadOnlyList<string> columns, int[] fileIndexes)
    {
        Spec = spec;
        Columns = columns;
        FileIndexes = fileIndexes;
        _slots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            _slots[columns[i]] = i;
        }

        TicketKey = _slots[spec.TicketKey];
        At = _slots[spec.At];
        Sequence = spec.Sequence is null ? -1 : _slots[spec.Sequence];
        Status = _slots[spec.Status];
        SubStatus = Slot(spec.SubStatus);
        SupportLevel = Slot(spec.SupportLevel);
        Impact = Slot(spec.Impact);
        Urgency = Slot(spec.Urgency);
        ResolutionCode = Slot(spec.ResolutionCode);
        Actor = Slots(spec.Actor);
        OpenedAt = Slots(spec.OpenedAt);
        OpenedBy = Slots(spec.OpenedBy);
        Caller = Slots(spec.Caller);
        ShortDescription = Slots(spec.ShortDescription);
        Details = Slots(spec.Details);
        Service = Slots(spec.Service);
        AssignmentGroup = Slots(spec.AssignmentGroup);
        Assignee = Slots(spec.Assignee);
        Problem = Slots(spec.Problem);
        CausedByChange = Slots(spec.CausedByChange);
    }

    internal MappingSpec Spec { get; }

    /// <summary>The column of each slot.</summary>
    internal IReadOnlyList<string> Columns { get; }

    /// <summary>The file's field index of each slot; -1 when the file lacks that (optional) column.</summary>
    internal int[] FileIndexes { get; }

    internal int TicketKey { get; }

    internal int At { get; }

    internal int Sequence { get; }

    internal int Status { get; }

    internal int SubStatus { get; }

    internal int SupportLevel { get; }

    internal int Impact { get; }

    internal int Urgency { get; }

    internal int ResolutionCode { get; }

    internal int[] Actor { get; }

    internal int[] OpenedAt { get; }

    internal int[] OpenedBy { get; }

    internal int[] Caller { get; }

    internal int[] ShortDescription { get; }

    internal int[] Details { get; }

    internal int[] Service { get; }

    internal int[] AssignmentGroup { get; }

    internal int[] Assignee { get; }

    internal int[] Problem { get; }

    internal int[] CausedByChange { get; }

    /// <summary>Binds <paramref name="spec"/> to a header.</summary>
    /// <exception cref="InvalidDataException">The header lacks columns the mapping requires; the message names them all.</exception>
    internal static BoundMapping Bind(MappingSpec spec, IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        var columns = spec.Columns;
        var missing = columns.Where(c => !index.ContainsKey(c) && !spec.Optional.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException(
                $"The file lacks {(missing.Length == 1 ? "a column" : missing.Length + " columns")} that mapping '{spec.Name}' names: {string.Join(", ", missing)}. Nothing was imported.");
        }

        var fileIndexes = columns.Select(c => index.TryGetValue(c, out int i) ? i : -1).ToArray();
        return new BoundMapping(spec, columns, fileIndexes);
    }

    /// <summary>The first non-null value of <paramref name="slots"/> in <paramref name="row"/>, with the slot it came from.</summary>
    internal static string? First(SourceRow row, int[] slots)
    {
        foreach (int slot in slots)
        {
            if (row.Values[slot] is { } value)
            {
                return value;
            }
        }

        return null;
    }

    internal string ColumnOf(int slot) => Columns[slot];

    private int Slot(string? column) => column is null ? -1 : _slots[column];

    private int[] Slots(IReadOnlyList<string> columns) => columns.Select(c => _slots[c]).ToArray();
}
