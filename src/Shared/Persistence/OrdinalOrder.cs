using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// The order the store contract promises for query results and audit reads: .NET's ordinal (UTF-16) order of
/// ties. The databases order text by UTF-8 bytes, which differs for some characters, so the SQL adapters read
/// every row tied with the last one a limit keeps, then sort in memory before applying the limit. One source,
/// compiled into each SQL adapter (src/Shared/Persistence).
/// </summary>
internal static class OrdinalOrder
{
    /// <summary>By opened instant, then record type and id.</summary>
    internal static readonly Comparison<RecordSummary> Summaries = static (a, b) =>
    {
        var c = a.Index.OpenedAt.CompareTo(b.Index.OpenedAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        return c != 0 ? c : string.CompareOrdinal(a.RecordId, b.RecordId);
    };

    /// <summary>By instant, then record type, record id and version.</summary>
    internal static readonly Comparison<AuditEntry> AuditEntries = static (a, b) =>
    {
        var c = a.At.CompareTo(b.At);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordId, b.RecordId);
        }

        return c != 0 ? c : a.Version.CompareTo(b.Version);
    };

    /// <summary>
    /// Whether a row (read in the database's order) can be left out: <paramref name="rows"/> already hold
    /// <paramref name="limit"/> rows and <paramref name="next"/> is not tied with the last on the opened instant.
    /// </summary>
    internal static bool IsPastLimit(List<RecordSummary> rows, int? limit, RecordIndex next) =>
        limit is { } most && rows.Count >= most && next.OpenedAt != rows[^1].Index.OpenedAt;

    /// <summary>Sorts the rows ordinally, then keeps the first <paramref name="limit"/> of them.</summary>
    internal static void SortAndLimit(List<RecordSummary> rows, int? limit)
    {
        rows.Sort(Summaries);
        if (limit is { } max && rows.Count > max)
        {
            rows.RemoveRange(max, rows.Count - max);
        }
    }
}
