using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Samples.Import;

/// <summary>
/// The KPIs computed directly from a log's own columns, without the engine: what a migration is checked
/// against. ServiceNow exports carry their own counters (<c>reopen_count</c>, <c>resolved_at</c>); the BPI
/// Challenge 2013 log is read as status changes. Defined as docs/kpis.md defines the engine's, over the
/// whole log.
/// </summary>
/// <param name="Tickets">Tickets in the file.</param>
/// <param name="Resolved">Tickets resolved at least once.</param>
/// <param name="Reopened">Resolved tickets reopened at least once.</param>
/// <param name="MeanHoursToResolve">Mean hours from opening to the last resolution, over resolved tickets.</param>
/// <param name="Backlog">Tickets whose last status is open.</param>
public sealed record LogFigures(int Tickets, int Resolved, int Reopened, double? MeanHoursToResolve, int Backlog)
{
    private static readonly string[] ServiceNowOpen = ["New", "Active", "Awaiting User Info", "Awaiting Vendor", "Awaiting Problem", "Awaiting Evidence"];

    /// <summary>The reopen rate: reopened over resolved, or null with nothing resolved.</summary>
    public double? ReopenRate => Resolved == 0 ? null : (double)Reopened / Resolved;

    /// <summary>Reads <paramref name="csv"/> in <paramref name="format"/>'s columns.</summary>
    /// <param name="format">The format.</param>
    /// <param name="csv">The file.</param>
    /// <param name="zone">The zone local times of the file are read in.</param>
    /// <returns>The figures.</returns>
    public static LogFigures Read(string format, Stream csv, DateTimeZone zone) =>
        format == "bpic2013" ? ReadBpic(csv) : ReadServiceNow(csv, zone);

    // The log's rows by column name: a column the file lacks reads as null.
    private sealed class Rows : IDisposable
    {
        private readonly CsvReader _reader;
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

        internal Rows(Stream csv)
        {
            _reader = CsvReader.Create(csv, CsvReaderOptions.Default with { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
            _reader.ReadHeaderAsync().AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < _reader.Headers.Count; i++)
            {
                _columns.TryAdd(_reader.Headers[i].Trim(), i);
            }
        }

        internal bool Read() => _reader.ReadAsync().AsTask().GetAwaiter().GetResult();

        internal string? Value(string column)
        {
            if (!_columns.TryGetValue(column, out var index) || index >= _reader.FieldCount)
            {
                return null;
            }

            var text = _reader.GetString(index).Trim();
            return text.Length == 0 || text == "?" ? null : text;
        }

        public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static LogFigures ReadServiceNow(Stream csv, DateTimeZone zone)
    {
        var tickets = new Dictionary<string, List<(Instant Updated, long Mod, string State, int Reopens, Instant? Opened, Instant? Resolved)>>(StringComparer.Ordinal);
        using (var reader = new Rows(csv))
        {
            while (reader.Read())
            {
                var number = Value(reader, "number");
                var updated = Time(Value(reader, "sys_updated_at"), zone);
                if (number is null || updated is null)
                {
                    continue;
                }

                long.TryParse(Value(reader, "sys_mod_count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mod);
                int.TryParse(Value(reader, "reopen_count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reopens);
                if (!tickets.TryGetValue(number, out var rows))
                {
                    tickets[number] = rows = [];
                }

                rows.Add((updated.Value, mod, Value(reader, "incident_state") ?? string.Empty, reopens, Time(Value(reader, "opened_at"), zone), Time(Value(reader, "resolved_at"), zone)));
            }
        }

        int resolved = 0, reopened = 0, backlog = 0;
        double hours = 0;
        foreach (var rows in tickets.Values)
        {
            var ordered = rows.OrderBy(r => r.Updated).ThenBy(r => r.Mod).ToList();
            var last = ordered[^1];
            backlog += ServiceNowOpen.Contains(last.State) ? 1 : 0;
            var lastResolved = ordered.Select(r => r.Resolved).LastOrDefault(r => r is not null)
                ?? ordered.LastOrDefault(r => r.State is "Resolved" or "Closed").Updated as Instant?;
            if (!ordered.Any(r => r.State is "Resolved" or "Closed") && ordered.All(r => r.Resolved is null))
            {
                continue;
            }

            resolved++;
            reopened += ordered.Max(r => r.Reopens) > 0 ? 1 : 0;
            var opened = ordered.Select(r => r.Opened).FirstOrDefault(o => o is not null) ?? ordered[0].Updated;
            hours += ((lastResolved ?? last.Updated) - opened).TotalHours;
        }

        return new LogFigures(tickets.Count, resolved, reopened, resolved == 0 ? null : hours / resolved, backlog);
    }

    private static LogFigures ReadBpic(Stream csv)
    {
        var tickets = new Dictionary<string, List<(Instant At, string Status, string SubStatus)>>(StringComparer.Ordinal);
        using (var reader = new Rows(csv))
        {
            while (reader.Read())
            {
                var number = Value(reader, "SR Number");
                var at = Time(Value(reader, "Change Date+Time"), DateTimeZone.Utc);
                if (number is null || at is null)
                {
                    continue;
                }

                if (!tickets.TryGetValue(number, out var rows))
                {
                    tickets[number] = rows = [];
                }

                rows.Add((at.Value, Value(reader, "Status") ?? string.Empty, Value(reader, "Sub Status") ?? string.Empty));
            }
        }

        int resolved = 0, reopened = 0, backlog = 0;
        double hours = 0;
        foreach (var rows in tickets.Values)
        {
            // Completed/Cancelled is neither resolved nor open; Unmatched says nothing about the state.
            static bool Solved(string status, string sub) => status == "Completed" && sub is "Resolved" or "In Call" or "Closed";
            var ordered = rows.OrderBy(r => r.At).Where(r => r.Status != "Unmatched").ToList();
            if (ordered.Count == 0)
            {
                continue;
            }

            var last = ordered[^1];
            backlog += last.Status is "Queued" or "Accepted" ? 1 : 0;
            Instant? lastResolution = null;
            bool wasSolved = false, again = false;
            foreach (var row in ordered)
            {
                bool solved = Solved(row.Status, row.SubStatus);
                if (solved && !wasSolved)
                {
                    lastResolution = row.At;
                }

                again |= wasSolved && row.Status is "Queued" or "Accepted";
                wasSolved = solved || (wasSolved && row.Status == "Completed");
            }

            if (lastResolution is not { } end)
            {
                continue;
            }

            resolved++;
            reopened += again ? 1 : 0;
            hours += (end - ordered[0].At).TotalHours;
        }

        return new LogFigures(tickets.Count, resolved, reopened, resolved == 0 ? null : hours / resolved, backlog);
    }

    private static string? Value(Rows reader, string column) => reader.Value(column);

    private static readonly OffsetDateTimePattern IsoOffset = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("d/M/yyyy H:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("d/M/yyyy H:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd'T'HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm"),
    ];

    private static Instant? Time(string? text, DateTimeZone zone)
    {
        if (text is null)
        {
            return null;
        }

        var offset = IsoOffset.Parse(text);
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }

        foreach (var pattern in LocalPatterns)
        {
            var local = pattern.Parse(text);
            if (local.Success)
            {
                return local.Value.InZoneLeniently(zone).ToInstant();
            }
        }

        return null;
    }
}
