using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Itsm.Persistence.Contract.Stress;

/// <summary>
/// A running store worker process (tests/Itsm.Persistence.Sqlite.Worker, tests/Itsm.Persistence.PostgreSql.Worker).
/// The store's test project references its worker project (Stress/Worker.props), so the build copies the worker's dll with its
/// <c>.runtimeconfig.json</c> and <c>.deps.json</c> next to the tests, in Debug and Release alike; it is
/// started as <c>dotnet &lt;worker&gt;.dll ...</c> with the dotnet host running the tests.
/// </summary>
/// <remarks>
/// Stdout is read in raw chunks and split on <c>'\n'</c>; only complete lines count, so the fragment a
/// killed worker leaves half-written is never taken for a line.
/// </remarks>
public sealed class StoreWorkerProcess : IDisposable
{

    /// <summary>How long a worker may take to be gone after SIGKILL, and to close its output after it ended; far more than it ever needs.</summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a line written to the worker's stdin may take to go into the pipe.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Task _stdoutPump;
    private readonly Task<string> _stderr;
    private readonly List<string> _lines = [];
    private readonly object _gate = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private StoreWorkerProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpAsync);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The worker's dll in the test output folder.</summary>
    /// <exception cref="InvalidOperationException">The worker (or its runtimeconfig) was not copied there.</exception>
    public static string WorkerDll(string assemblyName)
    {
        {
            var dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            var runtimeConfig = Path.Combine(AppContext.BaseDirectory, assemblyName + ".runtimeconfig.json");
            if (!File.Exists(dll) || !File.Exists(runtimeConfig))
            {
                throw new InvalidOperationException(
                    $"The store worker is not in the test output folder '{AppContext.BaseDirectory}' (looked for {assemblyName}.dll and {assemblyName}.runtimeconfig.json): "
                    + "the test project must import Stress/Worker.props, which references tests/{assemblyName}.");
            }

            return dll;
        }
    }

    /// <summary>The dotnet host: the one running the tests, else DOTNET_HOST_PATH, else the one beside the runtime, else <c>dotnet</c> on the PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), executable, StringComparison.OrdinalIgnoreCase))
            {
                return self;
            }

            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var beside = Path.Combine(root, executable);
            return File.Exists(beside) ? beside : executable;
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Complete lines of stdout received so far.</summary>
    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Starts a worker (its assembly name, for example <c>"Itsm.Persistence.Sqlite.Worker"</c>) with extra environment variables and the given arguments.</summary>
    public static StoreWorkerProcess Start(string assemblyName, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(WorkerDll(assemblyName));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The store worker did not start.");
        return new StoreWorkerProcess(process);
    }

    /// <summary>A copy of the complete lines received so far.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>Writes a line to the worker's stdin.</summary>
    /// <exception cref="TimeoutException">Not written within <see cref="SendTimeout"/>.</exception>
    public async Task SendAsync(string line)
    {
        await Bounded(
            async () =>
            {
                await _process.StandardInput.WriteLineAsync(line);
                await _process.StandardInput.FlushAsync();
            },
            SendTimeout,
            $"writing '{line}' to its stdin");
    }

    /// <summary>Waits until <paramref name="count"/> complete lines have arrived.</summary>
    /// <exception cref="InvalidOperationException">The worker exited first (the message holds its stderr).</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>.</exception>
    public async Task WaitForLinesAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (LineCount < count)
        {
            if (_stdoutPump.IsCompleted && LineCount < count)
            {
                // Its stdout ended: it has exited or is exiting (or the pump failed, and the pump's error is the news).
                await Bounded(() => _stdoutPump, ExitTimeout, "reading its stdout");
                await WaitForExitBoundedAsync("exiting after closing its stdout");
                throw new InvalidOperationException($"The store worker exited with code {_process.ExitCode} after {LineCount} of {count} lines; stderr: {await DrainAsync("after exiting early")}");
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The store worker wrote {LineCount} of {count} lines in {timeout}.");
            }

            await _lineArrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for the worker to end by itself, then for all of its output.</summary>
    /// <returns>The exit code and stderr.</returns>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>; the worker is killed.</exception>
    public async Task<(int ExitCode, string Stderr)> WaitForExitAsync(TimeSpan timeout)
    {
        if (!await ExitedWithinAsync(timeout))
        {
            Kill();
            throw new TimeoutException($"The store worker {Id} did not end within {timeout}; killed it. Its last lines: {string.Join(" | ", Tail(5))}");
        }

        return (_process.ExitCode, await DrainAsync("after exiting by itself"));
    }

    /// <summary>Kills the worker (SIGKILL on Unix: no cleanup, no flush) and waits until it and its output are gone.</summary>
    /// <returns>The exit code and stderr.</returns>
    /// <exception cref="TimeoutException">It was not gone, or its output not closed, within <see cref="ExitTimeout"/>.</exception>
    public async Task<(int ExitCode, string Stderr)> KillAsync()
    {
        Kill();
        await WaitForExitBoundedAsync("exiting after SIGKILL");
        return (_process.ExitCode, await DrainAsync("after SIGKILL"));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _lineArrived.Dispose();
    }

    /// <summary>Waits until the process has exited, for at most <see cref="ExitTimeout"/>.</summary>
    /// <exception cref="TimeoutException">It had not.</exception>
    private async Task WaitForExitBoundedAsync(string what)
    {
        if (!await ExitedWithinAsync(ExitTimeout))
        {
            throw new TimeoutException($"The store worker {Id} was not gone within {ExitTimeout} ({what}). Its last lines: {string.Join(" | ", Tail(5))}");
        }
    }

    /// <summary>
    /// Whether the process exits within <paramref name="timeout"/>. The exit is awaited through
    /// <see cref="Process.WaitForExitAsync"/> and also polled (<see cref="Process.WaitForExit(int)"/>), so a
    /// missed exit notification costs a few milliseconds, not the test run.
    /// </summary>
    private async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(cancel.Token);
        while (!exited.IsCompletedSuccessfully && !_process.WaitForExit(0))
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            var poll = Task.Delay(50, CancellationToken.None);
            await (exited.IsCompleted ? poll : Task.WhenAny(exited, poll));
        }

        return true;
    }

    /// <summary>Once the process has exited: waits (bounded) until its stdout and stderr are read to the end; returns stderr.</summary>
    private async Task<string> DrainAsync(string what)
    {
        await Bounded(() => _stdoutPump, ExitTimeout, $"closing its stdout {what}");
        return await Bounded(() => _stderr, ExitTimeout, $"closing its stderr {what}");
    }

    private Task Bounded(Func<Task> operation, TimeSpan timeout, string what) =>
        Bounded(async () =>
        {
            await operation();
            return true;
        }, timeout, what);

    private async Task<T> Bounded<T>(Func<Task<T>> operation, TimeSpan timeout, string what)
    {
        try
        {
            return await operation().WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The store worker {Id} did not finish {what} within {timeout} (exited: {HasExitedSafe()}). Its last lines: {string.Join(" | ", Tail(5))}", e);
        }
    }

    private bool HasExitedSafe()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private IEnumerable<string> Tail(int count)
    {
        var lines = Lines();
        for (var i = Math.Max(0, lines.Count - count); i < lines.Count; i++)
        {
            yield return lines[i];
        }
    }

    private async Task PumpAsync()
    {
        var stream = _process.StandardOutput;
        var buffer = new char[4096];
        var pending = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory())) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }

                pending.Append(buffer, start, i - start);
                var line = pending.ToString().TrimEnd('\r');
                pending.Clear();
                start = i + 1;
                lock (_gate)
                {
                    _lines.Add(line);
                }

                Signal();
            }

            pending.Append(buffer, start, read - start);
        }

        // Whatever is left in `pending` was cut off by a kill: not a line.
        Signal();
    }

    // The semaphore only wakes WaitForLinesAsync early (it re-checks the lines, and polls anyway); a pump
    // still running when the worker is disposed must not fault on it.
    private void Signal()
    {
        try
        {
            _lineArrived.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
