using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Itsm.DependencyInjection.Tests;

/// <summary>
/// The DI package references no store: a host that registers SQLite ships no Npgsql, and one on
/// PostgreSQL ships no SQLite. Read from the DI project's restore output (obj/project.assets.json),
/// which lists every package and project the DI package depends on, directly or not, for each target
/// framework: the same closure its .nuspec gets when packed.
/// </summary>
public sealed class PackageDependencyTests
{
    private static readonly string[] StoreLibraries =
    [
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "Microsoft.Data.Sqlite.Core",
        "SQLitePCLRaw.core",
        "Itsm.Persistence.Sqlite",
        "Itsm.Persistence.PostgreSql",
    ];

    [Fact]
    public void The_DI_package_depends_on_no_store_and_no_database_driver()
    {
        var libraries = DependencyInjectionLibraries();

        // Not vacuous: the file lists what the package does depend on.
        Assert.Contains("Itsm.Core", libraries);
        Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", libraries);
        Assert.Empty(libraries.Intersect(StoreLibraries, StringComparer.OrdinalIgnoreCase));
    }

    private static string[] DependencyInjectionLibraries()
    {
        var assets = Path.Combine(RepositoryRoot(), "src", "Itsm.DependencyInjection", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"The DI project's restore output is missing: {assets}");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        var names = document.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]);
        var inTargets = document.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(t => t.Value.EnumerateObject().Select(p => p.Name.Split('/')[0]));
        return names.Concat(inTargets).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Itsm.Core.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Itsm.Core.sln above {AppContext.BaseDirectory}.");
    }
}
