using System;
using System.Collections.Generic;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Samples.ServiceDesk;

/// <summary>The outcome of parsing the command line.</summary>
/// <param name="Settings">The settings, when the arguments are valid and help was not asked for.</param>
/// <param name="ShowHelp">Whether <c>--help</c> was given.</param>
/// <param name="Error">What is wrong with the arguments, or <see langword="null"/>.</param>
public sealed record ParsedArguments(SimulationSettings? Settings, bool ShowHelp, string? Error);

/// <summary>Parses the sample's arguments by hand (no dependency): <c>--db</c>, <c>--days</c>, <c>--seed</c>, <c>--tenant</c>, <c>--start</c>, <c>--export</c>, <c>--help</c>.</summary>
public static class CommandLine
{
    /// <summary>The exit code for bad arguments.</summary>
    public const int ExitBadArguments = 2;

    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: dotnet run --project samples/Itsm.Samples.ServiceDesk -- [options]

        Simulates a small company's service desk on the embedded SQLite store and reports its KPIs.
        Running it again on the same database continues the history from the day after it ends.

        Options:
          --db PATH        SQLite database file (default: servicedesk.db in the working directory);
                           its directory must exist
          --days N         days to simulate, 1-3660 (default: 30)
          --seed N         random seed; same seed + same empty database = same history (default: 42)
          --tenant ID      tenant id, at most 100 characters (default: contoso)
          --start DATE     first day (yyyy-MM-dd) when the database is empty (default: 2026-04-01)
          --export PATH    also write the report: PATH.html a self-contained HTML page with charts,
                           PATH.md a Markdown file, any other PATH a directory with report.md
                           and the lifecycle diagrams (lifecycles/*.md); checked before the run
          -h, --help       show this help
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The settings, a help request, or the first error.</returns>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new SimulationSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }

            if (name is "-h" or "--help" or "-?")
            {
                return new ParsedArguments(null, true, null);
            }

            if (name is not ("--db" or "--days" or "--seed" or "--tenant" or "--start" or "--export"))
            {
                return Fail(arg.StartsWith('-') ? $"Unknown option '{arg}'." : $"Unexpected argument '{arg}'.");
            }

            string? value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail($"Option {name} needs a value.");
                }

                value = args[++i];
            }

            switch (name)
            {
                case "--db":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Fail("--db needs a file path.");
                    }

                    settings = settings with { DatabasePath = value };
                    break;
                case "--days":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int days) || days is < 1 or > 3660)
                    {
                        return Fail($"--days must be a whole number from 1 to 3660, not '{value}'.");
                    }

                    settings = settings with { Days = days };
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed))
                    {
                        return Fail($"--seed must be a whole number (32-bit), not '{value}'.");
                    }

                    settings = settings with { Seed = seed };
                    break;
                case "--tenant":
                    if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
                    {
                        return Fail("--tenant must be 1 to 100 characters.");
                    }

                    settings = settings with { Tenant = value };
                    break;
                case "--start":
                    var parsed = LocalDatePattern.Iso.Parse(value);
                    if (!parsed.Success || parsed.Value.Year is < 1990 or > 2190)
                    {
                        return Fail($"--start must be a date yyyy-MM-dd between 1990 and 2190, not '{value}'.");
                    }

                    settings = settings with { StartDate = parsed.Value };
                    break;
                case "--export":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Fail("--export needs a path.");
                    }

                    settings = settings with { ExportPath = value };
                    break;
            }
        }

        var errors = ServiceDeskSimulation.Validate(settings);
        return errors.Count > 0 ? Fail(string.Join(" ", errors)) : new ParsedArguments(settings, false, null);
    }

    private static ParsedArguments Fail(string error) => new(null, false, error);
}
