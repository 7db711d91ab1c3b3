using System;
using System.Collections.Generic;
using System.IO;

namespace Itsm.Samples.ServiceDesk;

/// <summary>What <c>--export PATH</c> writes, chosen by the path's extension.</summary>
public enum ExportFormat
{
    /// <summary>A path without <c>.html</c>/<c>.htm</c>/<c>.md</c>: a directory with <c>report.md</c> and <c>lifecycles/*.md</c>.</summary>
    MarkdownDirectory = 0,

    /// <summary>A <c>.md</c> path: that Markdown file, and <c>lifecycles/*.md</c> beside it.</summary>
    MarkdownFile = 1,

    /// <summary>A <c>.html</c> or <c>.htm</c> path: one self-contained HTML page (<see cref="ReportHtml"/>).</summary>
    Html = 2,
}

/// <summary>Writes the report where <c>--export</c> says, and checks beforehand that it can.</summary>
public static class ReportExport
{
    /// <summary>The format a path asks for, by its extension (case-insensitive).</summary>
    /// <param name="path">The export path.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static ExportFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".HTML" or ".HTM" => ExportFormat.Html,
            ".MD" => ExportFormat.MarkdownFile,
            _ => ExportFormat.MarkdownDirectory,
        };
    }

    /// <summary>
    /// Checks, before a run, that the export can be written: creates the directory it needs (as the
    /// export would) and writes and deletes a probe file there.
    /// </summary>
    /// <param name="path">The export path.</param>
    /// <returns>What is wrong, as a sentence, or <see langword="null"/> when it can be written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static string? CheckWritable(string path)
    {
        var format = FormatOf(path);
        string full = Path.GetFullPath(path);
        if (format != ExportFormat.MarkdownDirectory && Directory.Exists(full))
        {
            return $"--export '{path}' is a directory; give a file name ending in {(format == ExportFormat.Html ? ".html" : ".md")}, or a directory without that extension.";
        }

        if (format == ExportFormat.MarkdownDirectory && File.Exists(full))
        {
            return $"--export '{path}' is a file; give a directory, or a file name ending in .md or .html.";
        }

        string directory = format == ExportFormat.MarkdownDirectory ? full : Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, ".itsm-export-probe-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"--export '{path}' cannot be written: {ex.Message}";
        }
    }

    /// <summary>Writes the report in the format <paramref name="path"/> asks for.</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">The export path.</param>
    /// <returns>The files written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">A file or directory is not writable.</exception>
    public static IReadOnlyList<string> Write(SimulationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        switch (FormatOf(path))
        {
            case ExportFormat.Html:
                string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
                Directory.CreateDirectory(directory);
                File.WriteAllText(path, ReportHtml.ToHtml(report).ReplaceLineEndings("\n"));
                return [path];
            case ExportFormat.MarkdownFile:
                return ReportMarkdown.Export(report, Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path));
            default:
                return ReportMarkdown.Export(report, path);
        }
    }
}
