using System;
using System.IO;
using System.IO.Compression;

namespace Itsm.Import.Tests;

/// <summary>The BPI Challenge 2013 development set, unzipped into memory from tests/data (vendored in the repository).</summary>
internal static class Bpic2013Log
{
    private static readonly Lazy<byte[]> Bytes = new(Load);

    internal static Stream Open() => new MemoryStream(Bytes.Value, writable: false);

    private static byte[] Load()
    {
        var zip = Path.Combine(RepositoryRoot(), "tests", "data", "volvo-it-incidents-bpic2013.csv.zip");
        using var archive = ZipFile.OpenRead(zip);
        var entry = archive.GetEntry("VINST-new.csv") ?? throw new InvalidDataException($"{zip} holds no VINST-new.csv.");
        using var input = entry.Open();
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The repository's root folder (the one holding Itsm.Core.sln), above the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Itsm.Core.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with Itsm.Core.sln) is not above the test's directory.");
    }
}
