using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>A fresh temporary directory, deleted (with every database in it) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("itsm-sqlite-").FullName;

    public string Path { get; }

    /// <summary>A new database path in the directory (the file does not exist yet).</summary>
    public string NewDatabase(string name = "itsm") => System.IO.Path.Combine(Path, name + "-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        // Idle pooled connections keep the files open; close them so the directory really goes away.
        SqliteConnection.ClearAllPools();
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a connection still in use elsewhere; the OS temp directory is cleaned eventually.
        }
    }
}
