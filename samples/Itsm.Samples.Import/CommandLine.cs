using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Samples.Import;

/// <summary>The outcome of parsing the command line: settings, or the first error.</summary>
/// <param name="Settings">The settings, when the arguments are valid.</param>
/// <param name="Error">What is wrong, in one line, or null.</param>
public sealed record ParsedArguments(ImportSettings? Settings, string? Error);

/// <summary>Parses the sample's fixed command line by hand (no dependency).</summary>
public static class CommandLine
{
    /// <summary>The exit code for bad arguments.</summary>
    public const int ExitBadArguments = 2;

    /// <summary>The formats with a shipped mapping.</summary>
    public static readonly IReadOnlyList<string> Formats = ["servicenow-incident-csv", "bpic2013"];

    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: dotnet run --project samples/Itsm.Samples.Import -c Release -- --format servicenow-incident-csv|bpic2013 --input FILE [--mapping FILE] [--db FILE] [--json FILE]

        Imports a ticket history into SQLite and reports how much of it the lifecycle accepted, the
        refusals by category, and the KPIs computed by the engine beside the same figures from the log.

          --format NAME   the shipped mapping: servicenow-incident-csv or bpic2013
          --input FILE    the CSV file (or a zip archive of it alone, or the file gzip-compressed)
          --mapping FILE  a JSON mapping file replacing the shipped one (docs/import.md)
          --db FILE       the SQLite database (default: a temporary file, deleted afterwards)
          --json FILE     also write the report as JSON
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The settings, or the first error.</returns>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (name is not ("--format" or "--input" or "--mapping" or "--db" or "--json"))
            {
                return Fail($"unknown argument '{Shorten(name)}'");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail($"{name} needs a value");
                }

                value = args[++i];
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return Fail($"{name} needs a value");
            }

            if (!values.TryAdd(name, value))
            {
                return Fail($"{name} is given twice");
            }
        }

        if (!values.TryGetValue("--format", out var format))
        {
            return Fail("--format is required");
        }

        if (!Formats.Contains(format))
        {
            return Fail($"unknown format '{Shorten(format)}'; use {string.Join(" or ", Formats)}");
        }

        if (!values.TryGetValue("--input", out var input))
        {
            return Fail("--input is required");
        }

        return new ParsedArguments(
            new ImportSettings(format, input, values.GetValueOrDefault("--mapping"), values.GetValueOrDefault("--db"), values.GetValueOrDefault("--json")),
            null);
    }

    private static ParsedArguments Fail(string error) => new(null, error);

    // An argument is echoed in one bounded line, whatever was typed.
    private static string Shorten(string text)
    {
        var clean = new string(Array.ConvertAll(text.ToCharArray(), c => char.IsControl(c) ? '?' : c));
        return clean.Length <= 60 ? clean : clean[..60] + "…";
    }
}
