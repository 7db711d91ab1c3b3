using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Itsm.Samples.Tour.Tests;

/// <summary>
/// What a newcomer installs is what the README shows: the install lines name the last release in the
/// CHANGELOG, and a pack never claims a released version for code that came after it (docs/versioning.md,
/// "Releasing"; <c>build/release.sh</c> leaves the repository in the state these tests expect).
/// </summary>
public sealed partial class VersionConsistencyTests
{
    [Fact]
    public void The_install_lines_of_the_READMEs_and_docs_name_the_last_release()
    {
        var released = LastRelease();
        var files = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(SourceText.RepositoryRoot(), "src"), "README.md", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(SourceText.RepositoryRoot(), path)))
            .Concat(Directory.GetFiles(Path.Combine(SourceText.RepositoryRoot(), "docs"), "*.md")
                .Select(path => Path.GetRelativePath(SourceText.RepositoryRoot(), path)))
            .ToList();

        var lines = files
            .SelectMany(file => InstallLine().Matches(SourceText.Read(file)).Select(match => (file, match)))
            .ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.True(
            line.match.Groups["version"].Value == released,
            $"{line.file}: '{line.match.Value}' names {line.match.Groups["version"].Value}, but the last release in CHANGELOG.md is {released}."));
    }

    [Fact]
    public void A_pack_without_a_preview_suffix_is_exactly_the_last_release()
    {
        var released = LastRelease();
        var props = SourceText.Read("Directory.Build.props");
        var prefix = VersionPrefix().Match(props).Groups[1].Value;
        var suffix = VersionSuffix().Match(props) is { Success: true } s ? s.Groups[1].Value : "";

        if (suffix.Length == 0)
        {
            Assert.True(prefix == released,
                $"Directory.Build.props packs {prefix} with no VersionSuffix, but the last release in CHANGELOG.md is {released}.");
            Assert.True(UnreleasedEntries() == 0,
                $"CHANGELOG.md lists changes under [Unreleased], but Directory.Build.props packs them as the released {released}: " +
                "set VersionPrefix to the next version and VersionSuffix to 'preview' (docs/versioning.md, \"Releasing\").");
        }
        else
        {
            Assert.True(Version.Parse(prefix) > Version.Parse(released),
                $"Directory.Build.props packs {prefix}-{suffix}, which is not after the last release {released}.");
        }
    }

    private static string LastRelease()
    {
        var match = ReleaseHeading().Match(SourceText.Read("CHANGELOG.md"));
        Assert.True(match.Success, "CHANGELOG.md has no released version (a heading '## [x.y.z] - yyyy-mm-dd').");
        return match.Groups[1].Value;
    }

    private static int UnreleasedEntries()
    {
        var lines = SourceText.Read("CHANGELOG.md").Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith("## [Unreleased]", StringComparison.Ordinal));
        Assert.True(start >= 0, "CHANGELOG.md has no [Unreleased] section.");
        return lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## [", StringComparison.Ordinal))
            .Count(line => line.StartsWith("- ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^## \[(\d+\.\d+\.\d+)\]", RegexOptions.Multiline)]
    private static partial Regex ReleaseHeading();

    [GeneratedRegex(@"(?:dotnet add package Itsm[A-Za-z.]* --version |<PackageReference Include=""Itsm[A-Za-z.]*"" Version="")(?<version>[0-9A-Za-z.\-]+)")]
    private static partial Regex InstallLine();

    [GeneratedRegex(@"<VersionPrefix>([^<]*)</VersionPrefix>")]
    private static partial Regex VersionPrefix();

    [GeneratedRegex(@"<VersionSuffix>([^<]*)</VersionSuffix>")]
    private static partial Regex VersionSuffix();
}
