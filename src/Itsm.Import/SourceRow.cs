using NodaTime;

namespace Itsm.Import;

/// <summary>
/// One data row of the file: its number (1-based, the header not counted), the values of the columns
/// the mapping names (null for a null marker or an optional column the file lacks), its instant and
/// sequence, and the row error found while reading it, if any (reported when its ticket is replayed).
/// </summary>
internal sealed class SourceRow(long number, string?[] values)
{
    internal long Number { get; } = number;

    internal string?[] Values { get; } = values;

    internal Instant At { get; set; }

    internal long Sequence { get; set; }

    internal RowError? Error { get; set; }
}

/// <summary>A problem with one row: its refusal category (<c>bad-date</c>, <c>missing-value:column</c>, ...) and a message naming the row and value.</summary>
internal sealed record RowError(string Category, string Message);
