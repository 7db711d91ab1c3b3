using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using NodaTime;
using Itsm.Services;

namespace Itsm.Persistence.PostgreSql.Worker;

/// <summary>
/// A process the PostgreSQL stress tests start (tests/Itsm.Persistence.PostgreSql.Tests/Stress), so that
/// writers of separate processes, each with its own connection pool, race on one record.
/// </summary>
/// <remarks>
/// <para>Usage (every option is <c>--name value</c>; the connection string is read from the environment
/// variable <c>ITSM_POSTGRES_CONNECTION</c>, so that its password does not show in a process list):</para>
/// <code>
/// update --schema S --tenant T --incident GUID --updates N [--writers W] [--wait-for-go] [--max-seconds S]
/// </code>
/// <para>W concurrent writers (1 by default) each run N <c>Assign</c> commands on one existing incident
/// through <c>ItsmEngine.Incidents.ExecuteAsync</c> (load, command, save), calling again on every
/// <see cref="ConcurrencyException"/> (ExecuteAsync reloads). With <c>--wait-for-go</c> it prints
/// <c>ready</c> once the store is open and waits for a line <c>go</c> on stdin. It ends with
/// <c>updated SUCCEEDED conflicts CONFLICTS</c>, exit code 0; it gives up after <c>--max-seconds</c>
/// (240 by default). Errors go to stderr with exit code 2 (bad arguments) or 1 (anything else).</para>
/// </remarks>
public static class Program
{
    private static readonly Actor Agent = new("stress.agent", "itil");

    /// <summary>Runs the mode the arguments name.</summary>
    /// <param name="args">The mode and its options.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
            if (options.Mode != "update")
            {
                throw new ArgumentException($"unknown mode '{options.Mode}': use update");
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("worker: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await UpdateAsync(options).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("worker: " + e.Message).ConfigureAwait(false);
            return 2;
        }
#pragma warning disable CA1031 // A test tool reports every failure to its parent through stderr and the exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync("worker failed: " + e).ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> UpdateAsync(Options options)
    {
        var connection = Environment.GetEnvironmentVariable("ITSM_POSTGRES_CONNECTION");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("the environment variable ITSM_POSTGRES_CONNECTION is not set");
        }

        await using var store = new PostgreSqlAggregateStore(new PostgreSqlStoreOptions
        {
            ConnectionString = connection,
            Schema = options.Require("schema"),
            CommandTimeout = Duration.FromSeconds(60),
        });
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, SystemClock.Instance);
        var tenant = new TenantId(options.Require("tenant"));
        var id = new IncidentId(Guid.Parse(options.Require("incident")));
        var updates = options.Int("updates", null);
        var writers = options.Int("writers", 1);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Int("max-seconds", 240)));

        // Open the store (schema check, connection pool) before the start signal, so the writers race from the first command.
        _ = await engine.Incidents.GetAsync(tenant, id, Agent).ConfigureAwait(false);
        if (options.Flag("wait-for-go"))
        {
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            var line = await Console.In.ReadLineAsync(deadline.Token).ConfigureAwait(false);
            if (!string.Equals(line?.Trim(), "go", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected 'go' on stdin, read '{line}'");
            }
        }

        var process = Environment.ProcessId;
        var tasks = new Task<(long Succeeded, long Conflicts)>[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = $"p{process}-w{w}";
            tasks[w] = Task.Run(() => WriteAsync(engine, tenant, id, writer, updates, deadline.Token));
        }

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        long succeeded = 0, conflicts = 0;
        foreach (var (s, c) in results)
        {
            succeeded += s;
            conflicts += c;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"updated {succeeded} conflicts {conflicts}"));
        Console.Out.Flush();
        return 0;
    }

    /// <summary>One writer: <paramref name="updates"/> accepted Assign commands, retrying every conflict.</summary>
    private static async Task<(long Succeeded, long Conflicts)> WriteAsync(ItsmEngine engine, TenantId tenant, IncidentId id, string writer, int updates, CancellationToken deadline)
    {
        long succeeded = 0, conflicts = 0;
        for (var i = 0; i < updates; i++)
        {
            // The assignee changes, the group does not: the stored state stays the same size.
            var assignee = writer + "-" + i.ToString(CultureInfo.InvariantCulture);
            while (true)
            {
                if (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"writer {writer} made {succeeded} of {updates} updates before the deadline ({conflicts} conflicts).");
                }

                try
                {
                    await engine.Incidents.ExecuteAsync(tenant, id, Agent, new AssignIncident(new SupportGroupId("Stress"), assignee)).ConfigureAwait(false);
                    succeeded++;
                    break;
                }
                catch (ConcurrencyException)
                {
                    conflicts++;
                }
            }
        }

        return (succeeded, conflicts);
    }

    private sealed class Options
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public string Mode { get; private set; } = string.Empty;

        public static Options Parse(string[] args)
        {
            if (args.Length == 0)
            {
                throw new ArgumentException("usage: update --schema S --tenant T --incident GUID --updates N ... (see Program.cs)");
            }

            var options = new Options { Mode = args[0] };
            for (var i = 1; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"unexpected argument '{args[i]}'");
                }

                var name = args[i][2..];
                string? value = null;
                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }

                options._values[name] = value;
            }

            return options;
        }

        public string Require(string name) =>
            _values.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new ArgumentException($"--{name} is required");

        public int Int(string name, int? fallback)
        {
            var text = _values.GetValueOrDefault(name);
            if (text is null)
            {
                return fallback ?? throw new ArgumentException($"--{name} is required");
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new ArgumentException($"--{name} {text}: not a non-negative number");
        }

        public bool Flag(string name) => _values.ContainsKey(name);
    }
}
