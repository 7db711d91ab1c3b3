using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Itsm.Samples.Tour.Tests;

/// <summary>Reads the README's C# blocks and the tour sample's regions, as the README tour test compares them.</summary>
internal static class SourceText
{
    private const string Fence = "```";
    private const string CSharpFence = "```csharp";

    /// <summary>The repository root: the nearest folder above the test's output that holds Itsm.Core.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Itsm.Core.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"The repository root (with Itsm.Core.sln) is not above {AppContext.BaseDirectory}.");
    }

    /// <summary>Reads a file of the repository with '\n' line ends.</summary>
    public static string Read(params string[] relativePath) =>
        File.ReadAllText(Path.Combine([RepositoryRoot(), .. relativePath])).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The lines of a Markdown section: from its heading line to the next heading of the same or a higher level.</summary>
    public static (int Start, int End) Section(string[] lines, string heading)
    {
        var start = Array.IndexOf(lines, heading);
        if (start < 0)
        {
            throw new InvalidDataException($"The README has no line '{heading}'.");
        }

        var level = heading.TakeWhile(c => c == '#').Count();
        var end = start + 1;
        var inFence = false;
        while (end < lines.Length && (inFence || !IsHeadingOfLevelAtMost(lines[end], level)))
        {
            inFence ^= lines[end].StartsWith(Fence, StringComparison.Ordinal);
            end++;
        }

        return (start, end);
    }

    /// <summary>The C# blocks (```csharp fences) among lines [start, end), each with the line range of its body.</summary>
    public static IReadOnlyList<(int BodyStart, int BodyEnd, string Text)> CSharpBlocks(string[] lines, int start, int end)
    {
        var blocks = new List<(int, int, string)>();
        for (var i = start; i < end; i++)
        {
            if (lines[i] != CSharpFence)
            {
                continue;
            }

            var close = i + 1;
            while (close < end && lines[close] != Fence)
            {
                close++;
            }

            if (close == end)
            {
                throw new InvalidDataException($"The C# block at README line {i + 1} is not closed.");
            }

            blocks.Add((i + 1, close, string.Join('\n', lines[(i + 1)..close])));
            i = close;
        }

        return blocks;
    }

    /// <summary>
    /// The <c>#region</c>s of a C# file in order, each dedented by its common indentation, and the lines that
    /// lie outside every region and are not blank.
    /// </summary>
    public static (IReadOnlyList<(string Name, string Text)> Regions, IReadOnlyList<string> Outside) Regions(string source)
    {
        var regions = new List<(string, string)>();
        var outside = new List<string>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("#region", StringComparison.Ordinal))
            {
                if (trimmed.Length > 0)
                {
                    outside.Add(lines[i]);
                }

                continue;
            }

            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "#endregion")
            {
                end++;
            }

            var body = lines[(i + 1)..end];
            var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            regions.Add((trimmed["#region".Length..].Trim(), string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()))));
            i = end;
        }

        return (regions, outside);
    }

    private static bool IsHeadingOfLevelAtMost(string line, int level)
    {
        var hashes = line.TakeWhile(c => c == '#').Count();
        return hashes > 0 && hashes <= level && line.Length > hashes && line[hashes] == ' ';
    }
}
