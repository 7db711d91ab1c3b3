using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteConcurrencyTests : IDisposable
{
    // Far longer than any of these waits takes; a wait that runs out fails its test instead of hanging the run.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Threads_racing_from_one_version_produce_exactly_one_winner_per_version()
    {
        var path = _directory.NewDatabase();
        var stores = new[] { Store(path), Store(path) }; // two instances: as two processes would
        await stores[0].SaveAsync(Write("INC-1", 0));
        const int Threads = 8;

        for (long version = 1; version <= 5; version++)
        {
            using var start = new Barrier(Threads);
            var expected = version;
            var outcomes = await Within(Task.WhenAll(Enumerable.Range(0, Threads).Select(i => Run(() =>
            {
                Meet(start);
                try
                {
                    stores[i % 2].SaveAsync(Write("INC-1", expected, state: "{\"writer\":" + i + "}")).GetAwaiter().GetResult();
                    return (Won: true, Actual: expected + 1);
                }
                catch (ConcurrencyException e)
                {
                    Assert.Equal(expected, e.ExpectedVersion);
                    return (Won: false, Actual: e.ActualVersion);
                }
            }))), $"the racing saves from version {version}");

            Assert.Single(outcomes, o => o.Won);
            Assert.All(outcomes, o => Assert.Equal(expected + 1, o.Actual));
        }

        Assert.Equal(6, (await stores[1].LoadAsync(Tenant, "Incident", "INC-1"))?.Version);
        Assert.Equal(Enumerable.Range(1, 6).Select(v => (long)v), (await stores[0].ReadHistoryAsync(Tenant, "Incident", "INC-1")).Select(e => e.Version));
    }

    [Fact]
    public async Task Read_modify_write_loops_on_several_threads_lose_no_update()
    {
        var path = _directory.NewDatabase();
        var stores = new[] { Store(path), Store(path), Store(path) };
        await stores[0].SaveAsync(Write("INC-1", 0, state: "{\"count\":0}"));
        const int Threads = 6;
        const int Increments = 15;
        var conflicts = 0;
        var written = new ConcurrentBag<string>();

        await Within(Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Run(() =>
        {
            var store = stores[t % stores.Length];
            for (var done = 0; done < Increments;)
            {
                var loaded = store.LoadAsync(Tenant, "Incident", "INC-1").GetAwaiter().GetResult()!;
                var count = int.Parse(loaded.State.AsSpan(9, loaded.State.Length - 10), System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    var state = "{\"count\":" + (count + 1) + "}";
                    store.SaveAsync(Write("INC-1", loaded.Version, state: state)).GetAwaiter().GetResult();
                    written.Add(state);
                    done++;
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }

            return true;
        }))), "the read-modify-write loops");

        var final = await stores[0].LoadAsync(Tenant, "Incident", "INC-1");
        Assert.Equal(1 + (Threads * Increments), final?.Version);
        Assert.Equal("{\"count\":" + (Threads * Increments) + "}", final?.State);
        Assert.Equal(Threads * Increments, written.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 1 + (Threads * Increments)).Select(v => (long)v), (await stores[1].ReadHistoryAsync(Tenant, "Incident", "INC-1")).Select(e => e.Version));
    }

    [Fact]
    public void Without_a_sqlite3_shell_the_lock_test_fails_and_says_what_to_install()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "itsm-no-tools-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<InvalidOperationException>(() => Sqlite3Shell(nowhere));

        Assert.Contains("there is no sqlite3 on the PATH. Install it (Debian/Ubuntu: 'apt-get install sqlite3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_waits_while_another_process_holds_the_write_lock_and_then_commits()
    {
        // The sqlite3 shell is the other process. Without it this test fails rather than pass having run
        // nothing: .ci/run installs it (build/debian-tools.sh), and a developer is told what to install.
        var cli = Sqlite3Shell();

        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));

        // -bail: a failed statement ends the shell (its stderr then says why) instead of silently skipping the
        // rest of the line, which left this test waiting for a 'locked' line that never came. .timeout: like
        // any process sharing the file, the shell waits out a transient lock (the store's pooled connection
        // being closed by a pool clear, which checkpoints the WAL under an exclusive lock) instead of failing.
        using var other = Process.Start(new ProcessStartInfo(cli, ["-bail", path])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stderr = other.StandardError.ReadToEndAsync();
        try
        {
            await other.StandardInput.WriteLineAsync(".timeout 30000");
            Assert.Equal("locked", await Sqlite3Async(other, stderr, "BEGIN IMMEDIATE; SELECT 'locked';"));

            var save = Run(() => store.SaveAsync(Write("INC-1", 1)).GetAwaiter().GetResult());
            await Task.Delay(300);
            Assert.False(save.IsCompleted, "a save completed while another process held the write lock");

            Assert.Equal("released", await Sqlite3Async(other, stderr, "COMMIT; SELECT 'released';"));

            Assert.Equal(new SaveResult(2, false), await Within(save, "the save after the lock was released"));
            Assert.Equal("2", await Sqlite3Async(other, stderr, "SELECT version FROM records;")); // the other process sees the commit
        }
        finally
        {
            other.StandardInput.Close();
            if (!other.WaitForExit(10_000))
            {
                other.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The sqlite3 shell on the PATH (or on <paramref name="searchPath"/>).</summary>
    /// <exception cref="InvalidOperationException">There is none: the message says what to install.</exception>
    internal static string Sqlite3Shell(string? searchPath = null)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "sqlite3.exe" : "sqlite3");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "This test runs the sqlite3 command-line shell as a second process holding the database's write lock, and there is no "
            + "sqlite3 on the PATH. Install it (Debian/Ubuntu: 'apt-get install sqlite3', macOS: 'brew install sqlite'); "
            + ".ci/run installs it with build/debian-tools.sh.");
    }

    /// <summary>Sends a line of SQL to the sqlite3 shell and returns the line it prints, within <see cref="WaitTimeout"/>.</summary>
    private static async Task<string> Sqlite3Async(Process shell, Task<string> stderr, string sql)
    {
        await shell.StandardInput.WriteLineAsync(sql);
        await shell.StandardInput.FlushAsync();
        var line = await Within(shell.StandardOutput.ReadLineAsync(), $"sqlite3 to answer '{sql}'");
        if (line is not null)
        {
            return line;
        }

        string error;
        try
        {
            error = await stderr.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            error = "(its stderr did not close)";
        }

        throw new InvalidOperationException($"sqlite3 ended without answering '{sql}': {error}");
    }

    private static async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(WaitTimeout);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {WaitTimeout} waiting for {what}.", e);
        }
    }

    // A thread that failed before the barrier never arrives: the others give up instead of waiting forever.
    private static void Meet(Barrier barrier)
    {
        if (!barrier.SignalAndWait(WaitTimeout))
        {
            throw new TimeoutException($"Not every racing thread reached the start barrier within {WaitTimeout}.");
        }
    }

    private static Task<T> Run<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
