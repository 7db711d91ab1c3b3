using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using Itsm.BusinessTime;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Itsm.Samples.DueDates;

/// <summary>
/// Prints, for a business calendar loaded from JSON, when work started now will be due.
/// </summary>
/// <remarks>
/// <code>
/// dotnet run --project samples/Itsm.Samples.DueDates                          # calendar.json, now
/// dotnet run --project samples/Itsm.Samples.DueDates -- --at 2026-12-24T12:00 # pretend it is then
/// dotnet run --project samples/Itsm.Samples.DueDates -- my-calendar.json      # another calendar
/// </code>
/// </remarks>
internal static class Program
{
    private const int ExitOk = 0;
    private const int ExitBadCalendar = 1;
    private const int ExitBadArguments = 2;

    // The work to schedule: working time, not wall-clock time.
    private static readonly (string Label, Duration WorkingTime)[] Jobs =
    [
        ("1 hour", Duration.FromHours(1)),
        ("4 hours", Duration.FromHours(4)),
        ("8 hours", Duration.FromHours(8)),
        ("2 working days (16 h)", Duration.FromHours(16)),
        ("40 hours", Duration.FromHours(40)),
    ];

    private static readonly LocalDateTimePattern[] AtPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
        LocalDateTimePattern.ExtendedIso,
    ];

    private static readonly string DefaultCalendarPath = Path.Combine(AppContext.BaseDirectory, "calendar.json");

    // "Thu 2026-12-24 12:00 GMT": weekday, local date and time, and the zone's abbreviation.
    private static readonly ZonedDateTimePattern WhenPattern =
        ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm x", null);

    public static int Main(string[] args)
    {
        if (!TryParseArguments(args, out var options, out string? problem))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            PrintUsage();
            return ExitBadArguments;
        }

        if (options.ShowHelp)
        {
            PrintUsage();
            return ExitOk;
        }

        BusinessCalendar calendar;
        try
        {
            calendar = BusinessCalendar.FromJson(File.ReadAllText(options.CalendarPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]Cannot read the calendar:[/] {Markup.Escape(ex.Message)}");
            return ExitBadCalendar;
        }
        catch (BusinessCalendarDefinitionException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(options.CalendarPath)} is not a valid calendar ({Markup.Escape(ex.Code)}):[/]");
            foreach (string error in ex.Errors)
            {
                AnsiConsole.MarkupLine($"  - {Markup.Escape(error)}");
            }

            return ExitBadCalendar;
        }

        // A sample host may read the clock; the library never does (every query takes the instant).
        string? nowNote = null;
        Instant now = SystemClock.Instance.GetCurrentInstant();
        if (options.At is LocalDateTime at)
        {
            now = ResolveAt(calendar.Zone, at, out nowNote);
        }

        if (now < BusinessCalendar.MinSupportedInstant || now > BusinessCalendar.MaxSupportedInstant)
        {
            AnsiConsole.MarkupLine($"[red]The calendar answers for {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant} only.[/]");
            return ExitBadArguments;
        }

        try
        {
            Render(calendar, options, now, nowNote);
        }
        catch (NoWorkingTimeException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/] ({Markup.Escape(ex.Code)})");
            return ExitBadCalendar;
        }

        return ExitOk;
    }

    private static void Render(BusinessCalendar calendar, Options options, Instant now, string? nowNote)
    {
        var zone = calendar.Zone;
        var today = now.InZone(zone).Date;

        AnsiConsole.Write(new Rule($"[bold]Due dates[/] on [blue]{Markup.Escape(Path.GetFileName(options.CalendarPath))}[/]").LeftJustified());

        var facts = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        facts.AddRow(
            "[grey]Calendar[/]",
            options.CalendarPath == DefaultCalendarPath
                ? "calendar.json, shipped with the sample"
                : Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, options.CalendarPath)));
        facts.AddRow("[grey]Zone[/]", Markup.Escape(zone.Id));
        facts.AddRow("[grey]Working week[/]", $"{Markup.Escape(DescribeWeek(calendar))} ({FormatHours(calendar.WorkingTimePerWeek)})");
        facts.AddRow(
            "[grey]Days off[/]",
            $"{Count(calendar.Holidays.Count, "holiday date")}, {Count(calendar.RecurringHolidays.Count, "recurring rule")}, {Count(calendar.Closures.Count, "closure")}");
        facts.AddRow(
            options.At is null ? "[grey]Now[/]" : "[grey]Now (--at)[/]",
            $"[bold]{Markup.Escape(FormatWhen(now, zone))}[/]" + (nowNote is null ? string.Empty : $" [yellow]({Markup.Escape(nowNote)})[/]"));
        facts.AddRow("[grey]Hours today[/]", Markup.Escape(DescribeDay(calendar, today)));

        bool working = calendar.IsWorking(now);
        facts.AddRow("[grey]Working time now?[/]", working ? "[green]yes[/]" : "[yellow]no[/]");
        Instant next = calendar.NextWorkingInstant(now);
        facts.AddRow(
            "[grey]Next working instant[/]",
            next == now ? "now" : $"{Markup.Escape(FormatWhen(next, zone))}, in {FormatSpan(next - now)}");
        AnsiConsole.Write(facts);
        AnsiConsole.WriteLine();

        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("[bold]Work started now is due[/]")
            .AddColumn("Working time")
            .AddColumn($"Due ({Markup.Escape(zone.Id)})")
            .AddColumn(new TableColumn("Wall-clock time until due").RightAligned());
        foreach (var (label, workingTime) in Jobs)
        {
            Instant due = calendar.Add(now, workingTime);
            table.AddRow(Markup.Escape(label), $"[bold]{Markup.Escape(FormatWhen(due, zone))}[/]", FormatSpan(due - now));
        }

        AnsiConsole.Write(table);
    }

    private static Instant ResolveAt(DateTimeZone zone, LocalDateTime at, out string? note)
    {
        var mapping = zone.MapLocal(at);
        note = mapping.Count switch
        {
            0 => $"{at:uuuu-MM-dd HH:mm} is skipped by a clock change here; using the first instant after the gap",
            2 => $"{at:uuuu-MM-dd HH:mm} occurs twice here; using the earlier one",
            _ => null,
        };
        return at.InZoneLeniently(zone).ToInstant();
    }

    private static string FormatWhen(Instant instant, DateTimeZone zone) => WhenPattern.Format(instant.InZone(zone));

    // "2d 21h 30m": a wall-clock duration, to the minute (seconds only when under a minute).
    private static string FormatSpan(Duration span)
    {
        if (span < Duration.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s");
        }

        var parts = new List<string>(3);
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours > 0 || span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:00}m"));
        return string.Join(' ', parts);
    }

    private static string FormatHours(Duration duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.##} h");

    // "Mon-Fri 09:00-12:30, 13:30-17:30": consecutive days with the same hours are grouped.
    private static string DescribeWeek(BusinessCalendar calendar)
    {
        var groups = new List<string>();
        var day = IsoDayOfWeek.Monday;
        while (day <= IsoDayOfWeek.Sunday)
        {
            var hours = calendar.GetWeeklyHours(day);
            var last = day;
            while (last < IsoDayOfWeek.Sunday && calendar.GetWeeklyHours(last + 1).SequenceEqual(hours))
            {
                last++;
            }

            if (hours.Count > 0)
            {
                string days = last == day ? Abbreviate(day) : $"{Abbreviate(day)}-{Abbreviate(last)}";
                groups.Add($"{days} {string.Join(", ", hours)}");
            }

            day = last + 1;
        }

        return string.Join("; ", groups);
    }

    private static string DescribeDay(BusinessCalendar calendar, LocalDate date)
    {
        var hours = calendar.GetWorkingHours(date);
        string day = $"{Abbreviate(date.DayOfWeek)} {date:uuuu-MM-dd}";
        if (hours.Count > 0)
        {
            return $"{day}: {string.Join(", ", hours)}";
        }

        return calendar.IsHoliday(date) ? $"{day}: none (holiday)" : $"{day}: none";
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static string Abbreviate(IsoDayOfWeek day) => day.ToString()[..3];

    private static void PrintUsage()
    {
        AnsiConsole.MarkupLine("[bold]Usage:[/] dotnet run --project samples/Itsm.Samples.DueDates --");
        AnsiConsole.MarkupLine("         [[calendar.json]] [[--at yyyy-MM-ddTHH:mm]]");
        AnsiConsole.MarkupLine("  [grey]calendar.json[/]  a calendar definition (default: the sample's own)");
        AnsiConsole.MarkupLine("  [grey]--at[/]           pretend \"now\" is this local date and time in the");
        AnsiConsole.MarkupLine("                 calendar's zone, for example --at 2026-12-24T12:00");
    }

    private static bool TryParseArguments(string[] args, out Options options, [NotNullWhen(false)] out string? problem)
    {
        options = new Options(DefaultCalendarPath, null, false);
        problem = null;
        string? path = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                options = options with { ShowHelp = true };
                return true;
            }

            string? atText = null;
            if (arg == "--at")
            {
                if (i + 1 >= args.Length)
                {
                    problem = "--at needs a local date and time, for example --at 2026-12-24T12:00.";
                    return false;
                }

                atText = args[++i];
            }
            else if (arg.StartsWith("--at=", StringComparison.Ordinal))
            {
                atText = arg["--at=".Length..];
            }
            else if (arg.StartsWith('-'))
            {
                problem = $"Unknown option {arg}.";
                return false;
            }
            else if (path is null)
            {
                path = arg;
                continue;
            }
            else
            {
                problem = $"Only one calendar file may be given (got {path} and {arg}).";
                return false;
            }

            if (!TryParseAt(atText, out var at))
            {
                problem = $"'{atText}' is not a local date and time (expected yyyy-MM-ddTHH:mm).";
                return false;
            }

            options = options with { At = at };
        }

        if (path is not null)
        {
            options = options with { CalendarPath = Path.GetFullPath(path) };
        }

        return true;
    }

    private static bool TryParseAt(string text, out LocalDateTime at)
    {
        foreach (var pattern in AtPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                at = result.Value;
                return true;
            }
        }

        at = default;
        return false;
    }

    private sealed record Options(string CalendarPath, LocalDateTime? At, bool ShowHelp);
}
