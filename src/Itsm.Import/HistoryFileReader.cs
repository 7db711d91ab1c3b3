using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;

namespace Itsm.Import;

/// <summary>
/// Reads a history file with CsvHelper (streaming, RFC 4180 quoting, invariant culture) into the rows
/// of each ticket: only the columns the mapping names are kept, null markers become null, and each
/// row's instant and sequence are parsed (a row that fails keeps its error for its ticket's report).
/// </summary>
internal static class HistoryFileReader
{
    private const int ProgressEvery = 10_000;

    internal sealed record Result(BoundMapping Mapping, List<TicketRows> Tickets, long Rows, long RowsWithoutKey);

    /// <exception cref="InvalidDataException">The file has no header, lacks required columns, or is malformed CSV.</exception>
    internal static async Task<Result> ReadAsync(Stream input, MappingSpec spec, Action<long>? progress, CancellationToken cancellationToken)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = spec.Separator,
            HasHeader = true,
            PoolStrings = true,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        var reader = CsvReader.Create(input, options, leaveOpen: true);
        await using var _ = reader.ConfigureAwait(false);
        try
        {
            await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (reader.Headers.Count == 0)
            {
                throw new InvalidDataException("The file is empty: it has no header row.");
            }

            var mapping = BoundMapping.Bind(spec, reader.Headers);
            var tickets = new List<TicketRows>();
            var byKey = new Dictionary<string, TicketRows>(StringComparer.Ordinal);
            long rows = 0;
            long withoutKey = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows++;
                var row = ReadRow(reader, mapping, rows);
                if (row.Values[mapping.TicketKey] is not { } key)
                {
                    withoutKey++;
                    continue;
                }

                if (!byKey.TryGetValue(key, out var ticket))
                {
                    ticket = new TicketRows(key);
                    byKey.Add(key, ticket);
                    tickets.Add(ticket);
                }

                ticket.Rows.Add(row);
                if (rows % ProgressEvery == 0)
                {
                    progress?.Invoke(rows);
                }
            }

            progress?.Invoke(rows);
            return new Result(mapping, tickets, rows, withoutKey);
        }
        catch (CsvFormatException e)
        {
            // CsvHelper's message carries the raw record, which a damaged file can make megabytes long.
            throw new InvalidDataException($"The file is not valid CSV: {Itsm.Text.QuotedText.Message(e.Message)}", e);
        }
    }

    private static SourceRow ReadRow(CsvReader reader, BoundMapping mapping, long number)
    {
        var spec = mapping.Spec;
        var values = new string?[mapping.FileIndexes.Length];
        int fieldCount = reader.FieldCount;
        for (int slot = 0; slot < values.Length; slot++)
        {
            int field = mapping.FileIndexes[slot];
            values[slot] = field < 0 || field >= fieldCount ? null : NullIfMarker(reader.GetString(field), spec.NullMarkers);
        }

        var row = new SourceRow(number, values);
        var at = values[mapping.At];
        if (at is null)
        {
            row.Error = new RowError($"missing-value:{spec.At}", $"Row {number}: {spec.At} is empty, so the row cannot be placed in time.");
        }
        else if (spec.Instants.TryParse(at, out var instant))
        {
            row.At = instant;
            if (!InstantParser.InRange(instant))
            {
                row.Error = new RowError("bad-date", InstantParser.OutOfRange(number, spec.At, at));
            }
        }
        else
        {
            row.Error = new RowError("bad-date", $"Row {number}: {spec.At} '{ImportText.Quote(at)}' matches none of the mapping's formats ({string.Join(", ", spec.Formats)}).");
        }

        if (mapping.Sequence >= 0 && values[mapping.Sequence] is { } sequence)
        {
            // A display-value export writes counts with group separators (ServiceNow's sys_mod_count "1,024", quoted).
            if (long.TryParse(sequence, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long value))
            {
                row.Sequence = value;
            }
            else
            {
                row.Error ??= new RowError($"bad-value:{spec.Sequence}", $"Row {number}: {spec.Sequence} '{ImportText.Quote(sequence)}' is not a whole number.");
            }
        }

        return row;
    }

    private static string? NullIfMarker(string value, IReadOnlyList<string> markers)
    {
        var trimmed = value.Trim();
        for (var i = 0; i < markers.Count; i++) // not foreach: an enumerator per value read
        {
            if (string.Equals(trimmed, markers[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        // An empty value that is not a null marker is still no value: there is nothing to map it to.
        return trimmed.Length == 0 ? null : trimmed;
    }
}
