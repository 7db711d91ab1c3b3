using System.Collections.Generic;

namespace Itsm.Import;

/// <summary>The rows of one ticket, in file order until <see cref="Sort"/> orders them for replay.</summary>
internal sealed class TicketRows(string key)
{
    internal string Key { get; } = key;

    internal List<SourceRow> Rows { get; } = [];

    /// <summary>Orders the rows by instant, then sequence, then file order (whatever order the file had).</summary>
    internal void Sort() => Rows.Sort(static (a, b) =>
    {
        int c = a.At.CompareTo(b.At);
        if (c == 0)
        {
            c = a.Sequence.CompareTo(b.Sequence);
        }

        return c != 0 ? c : a.Number.CompareTo(b.Number);
    });
}
