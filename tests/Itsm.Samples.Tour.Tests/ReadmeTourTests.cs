using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Itsm.Samples.Tour.Tests;

/// <summary>
/// The README's C# is compiled code: the tour's blocks are samples/Itsm.Samples.Tour/Program.cs, region by
/// region, and every later block is a region of ReadmeSections.cs. Set ITSM_UPDATE_README=1 to copy the
/// regions into the README (then review the diff).
/// </summary>
public sealed class ReadmeTourTests
{
    internal const string TourHeading = "## A ten-minute tour";
    private const string UpdateVariable = "ITSM_UPDATE_README";

    [Fact]
    public void The_tour_program_is_its_regions_and_nothing_else()
    {
        var (regions, outside) = SourceText.Regions(SourceText.Read("samples", "Itsm.Samples.Tour", "Program.cs"));

        Assert.Empty(outside);
        Assert.True(regions.Count >= 5, $"Program.cs has {regions.Count} regions");
    }

    [Fact]
    public void The_README_tour_shows_exactly_the_compiled_tour()
    {
        var (regions, _) = SourceText.Regions(SourceText.Read("samples", "Itsm.Samples.Tour", "Program.cs"));
        CheckBlocks(inTour: true, regions.Select(r => r.Text).ToList(), "samples/Itsm.Samples.Tour/Program.cs");
    }

    [Fact]
    public void Every_README_block_after_the_tour_is_compiled_in_ReadmeSections()
    {
        var (regions, _) = SourceText.Regions(SourceText.Read("samples", "Itsm.Samples.Tour", "ReadmeSections.cs"));
        CheckBlocks(inTour: false, regions.Select(r => r.Text).ToList(), "samples/Itsm.Samples.Tour/ReadmeSections.cs");
    }

    [Fact]
    public void The_README_starts_with_the_commands_that_run_the_main_sample_and_the_tests()
    {
        var lines = SourceText.Read("README.md").Split('\n');

        Assert.Equal("# Itsm.Core", lines[0]);
        Assert.Equal("```sh", lines[2]);
        Assert.StartsWith("dotnet run --project samples/Itsm.Samples.ServiceDesk ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test -c Release ", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_install_lines_name_every_package_at_the_versioned_release()
    {
        var readme = SourceText.Read("README.md");
        var packages = Directory.GetDirectories(Path.Combine(SourceText.RepositoryRoot(), "src"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(SourceText.RepositoryRoot(), "src", name!, name + ".csproj")))
            .ToList();

        Assert.NotEmpty(packages);
        Assert.All(packages, package => Assert.Contains($"dotnet add package {package} --version ", readme, StringComparison.Ordinal));
    }

    private static void CheckBlocks(bool inTour, IReadOnlyList<string> expected, string source)
    {
        var path = Path.Combine(SourceText.RepositoryRoot(), "README.md");
        var lines = SourceText.Read("README.md").Split('\n');
        var (start, end) = SourceText.Section(lines, TourHeading);
        var blocks = inTour
            ? SourceText.CSharpBlocks(lines, start, end)
            : [.. SourceText.CSharpBlocks(lines, 0, start), .. SourceText.CSharpBlocks(lines, end, lines.Length)];
        if (!inTour)
        {
            Assert.True(blocks.All(b => b.BodyStart > end), "The README has C# blocks before the tour; put them in the tour.");
        }

        var actual = blocks.Select(b => b.Text).ToList();
        if (actual.SequenceEqual(expected))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1" && actual.Count == expected.Count)
        {
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                lines = [.. lines[..blocks[i].BodyStart], .. expected[i].Split('\n'), .. lines[blocks[i].BodyEnd..]];
            }

            File.WriteAllText(path, string.Join('\n', lines));
            return;
        }

        Assert.True(actual.Count == expected.Count,
            $"The README {(inTour ? "tour" : "after the tour")} has {actual.Count} C# blocks; {source} has {expected.Count} regions. Each block is one region, in order.");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i],
                $"README C# block {i + 1} {(inTour ? "of the tour" : "after the tour")} (line {blocks[i].BodyStart}) differs from region {i + 1} of {source}; "
                + $"run the tests with {UpdateVariable}=1 to copy the regions into the README.\n--- README:\n{actual[i]}\n--- {source}:\n{expected[i]}");
        }
    }
}
