using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using NodaTime;
using Itsm.Services;

namespace Itsm.Persistence.Sqlite.Worker;

/// <summary>
/// A process the SQLite stress tests start (tests/Itsm.Persistence.Sqlite.Tests/Stress), so that
/// writers of separate processes race on one database file and a writer can be killed mid-commit.
/// </summary>
/// <remarks>
/// <para>Usage (every option is <c>--name value</c>):</para>
/// <code>
/// update --db FILE --tenant T --incident GUID --updates N [--writers W] [--synchronous full|normal] [--wait-for-go]
/// crash  --db FILE --tenant T --seed S [--writers W] [--synchronous full|normal] [--max-seconds S]
/// units  --db FILE --tenant T --seed S [--groups G] [--max-seconds S]
/// consume --db FILE --tenant T --consumer NAME --log FILE [--page N] [--until P] [--max-seconds S]
/// </code>
/// <para><c>update</c>: W writer threads (1 by default) each run N <c>Assign</c> commands on one existing
/// incident through <c>ItsmEngine.Incidents.ExecuteAsync</c> (load, command, save), calling again on
/// every <see cref="ConcurrencyException"/> (ExecuteAsync reloads). With <c>--wait-for-go</c> it prints
/// <c>ready</c> once the store is open and waits for a line <c>go</c> on stdin, so a parent can start
/// many processes and release them together. It ends with <c>updated SUCCEEDED conflicts CONFLICTS</c>;
/// the exit code is 0.</para>
/// <para><c>crash</c>: commits forever (until killed, or <c>--max-seconds</c>, 120 by default): it opens
/// incidents and runs their lifecycle (assign, hold, resume, reassign, resolve, close) on a few at a
/// time, picked by a <see cref="Random"/> seeded with S, and after every committed command writes
/// <c>commit INCIDENT-ID VERSION</c> to stdout and flushes it. A line therefore means "this version of
/// this incident is committed". With <c>--writers W</c> (1 by default), W such loops run concurrently on
/// the thread pool, each on its own incidents with its own <see cref="Random"/> (seeded S + its number), so
/// their saves queue on the store's write gate and commit in groups; lines are written whole, one at a time.</para>
/// <para><c>units</c>: commits units of work forever (until killed, or <c>--max-seconds</c>). G groups
/// (4 by default) of three records each, <c>Unit/G-a</c>, <c>Unit/G-b</c> and <c>Unit/G-c</c>; every unit
/// writes all three of one group, picked at random, with one, two and one audit entries, so a group that
/// committed k units holds versions k, 2k and k. After each <c>CommitAsync</c> returns it writes
/// <c>unit G K</c> (K: the a-record's new version) to stdout and flushes it. It reloads the versions on
/// start, so a restarted worker continues where the killed one stopped.</para>
/// <para><c>consume</c>: follows the tenant's feed from the consumer's stored checkpoint: it writes
/// <c>start CHECKPOINT</c> to the log file, then for each page of up to N entries (10 by default) appends
/// each entry's position as a line to the log and flushes it to disk (the "handling"), then saves the
/// checkpoint and writes <c>checkpoint P</c> to stdout. With <c>--until P</c> it exits (code 0) once its
/// checkpoint reaches P. A kill between handling and saving the checkpoint redelivers those positions on
/// the next start: the log then holds them twice, which a consumer detects by position.</para>
/// <para>Errors go to stderr with exit code 2 (bad arguments) or 1 (anything else).</para>
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
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("worker: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        try
        {
            return options.Mode switch
            {
                "update" => await UpdateAsync(options).ConfigureAwait(false),
                "crash" => await CrashAsync(options).ConfigureAwait(false),
                "units" => await UnitsAsync(options).ConfigureAwait(false),
                "consume" => await ConsumeAsync(options).ConfigureAwait(false),
                _ => throw new ArgumentException($"unknown mode '{options.Mode}': use update, crash, units or consume"),
            };
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

    private static ItsmEngine Engine(Options options) => new(Store(options), ItsmAuthorizers.AllowAll, SystemClock.Instance);

    private static SqliteAggregateStore Store(Options options) =>
        new(new SqliteStoreOptions
        {
            Path = options.Require("db"),
            Synchronous = options.Synchronous,
            BusyTimeout = Duration.FromSeconds(60),
        });

    /// <summary>The record type of the <c>units</c> mode's records.</summary>
    private const string UnitType = "Unit";

    private static async Task<int> UnitsAsync(Options options)
    {
        var store = Store(options);
        var tenant = new TenantId(options.Require("tenant"));
        var random = new Random(options.Int("seed", null));
        var groups = Math.Max(1, options.Int("groups", 4));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(options.Int("max-seconds", 120));
        var stdout = Console.Out;

        // Each record's own stored version is what its next write expects: a torn unit is not papered
        // over here, it stays visible to the test.
        var versions = new long[groups, 3];
        for (var g = 0; g < groups; g++)
        {
            for (var r = 0; r < 3; r++)
            {
                versions[g, r] = (await store.LoadAsync(tenant, UnitType, UnitId(g, r)).ConfigureAwait(false))?.Version ?? 0;
            }
        }

        while (DateTimeOffset.UtcNow < deadline)
        {
            var g = random.Next(groups);
            var now = SystemClock.Instance.GetCurrentInstant();
            var writes = new AggregateWrite[3];
            for (var r = 0; r < 3; r++)
            {
                var id = UnitId(g, r);
                var expected = versions[g, r];
                var entries = r == 1 ? 2 : 1;
                var audit = new AuditEntry[entries];
                for (var e = 0; e < entries; e++)
                {
                    audit[e] = new AuditEntry(tenant, UnitType, id, 0, now, Agent, expected == 0 && e == 0 ? "Open" : "Update", "New", "InProgress", new Dictionary<string, string>(StringComparer.Ordinal) { ["unit"] = g.ToString(CultureInfo.InvariantCulture) });
                }

                writes[r] = new AggregateWrite(tenant, UnitType, id, expected, "{\"v\":" + (expected + entries).ToString(CultureInfo.InvariantCulture) + "}", new RecordIndex("InProgress", true, null, null, null, now, null), audit);
            }

            await store.CommitAsync(new UnitOfWork(writes)).ConfigureAwait(false);
            for (var r = 0; r < 3; r++)
            {
                versions[g, r] = writes[r].NewVersion;
            }

            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"unit {g} {versions[g, 0]}\n"));
            stdout.Flush();
        }

        return 0;
    }

    private static string UnitId(int group, int record) => string.Create(CultureInfo.InvariantCulture, $"{group}-{(char)('a' + record)}");

    private static async Task<int> ConsumeAsync(Options options)
    {
        var store = Store(options);
        var tenant = new TenantId(options.Require("tenant"));
        var consumer = options.Require("consumer");
        var page = Math.Max(1, options.Int("page", 10));
        var until = options.Int("until", int.MaxValue);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(options.Int("max-seconds", 120));
        var stdout = Console.Out;
        using var log = new System.IO.FileStream(options.Require("log"), System.IO.FileMode.Append, System.IO.FileAccess.Write, System.IO.FileShare.ReadWrite, bufferSize: 1); // unbuffered: each Write is one write(2)

        var checkpoint = await store.ReadCheckpointAsync(tenant, consumer).ConfigureAwait(false);
        Append(log, string.Create(CultureInfo.InvariantCulture, $"start {checkpoint}\n"));
        while (checkpoint < until && DateTimeOffset.UtcNow < deadline)
        {
            var entries = await store.ReadFeedAsync(tenant, checkpoint, page).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                await Task.Delay(2).ConfigureAwait(false);
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.Position != checkpoint + 1)
                {
                    throw new InvalidOperationException($"the feed skipped from {checkpoint} to {entry.Position}");
                }

                // The handler's side effect, durable before the checkpoint moves past it.
                Append(log, entry.Position.ToString(CultureInfo.InvariantCulture) + "\n");
                checkpoint = entry.Position;
            }

            await store.SaveCheckpointAsync(tenant, consumer, checkpoint).ConfigureAwait(false);
            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpoint}\n"));
            stdout.Flush();
        }

        return 0;
    }

    // One write call per line, so a kill leaves a line whole or absent, then an fsync.
    private static void Append(System.IO.FileStream log, string line)
    {
        log.Write(System.Text.Encoding.ASCII.GetBytes(line));
        log.Flush(flushToDisk: true);
    }

    private static async Task<int> UpdateAsync(Options options)
    {
        var engine = Engine(options);
        var tenant = new TenantId(options.Require("tenant"));
        var id = new IncidentId(Guid.Parse(options.Require("incident")));
        var updates = options.Int("updates", null);
        var writers = options.Int("writers", 1);

        // Open the store (schema check, connection pool) before the start signal, so the writers race from the first command.
        _ = await engine.Incidents.GetAsync(tenant, id, Agent).ConfigureAwait(false);
        if (options.Flag("wait-for-go"))
        {
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            var line = await Console.In.ReadLineAsync().ConfigureAwait(false);
            if (!string.Equals(line?.Trim(), "go", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected 'go' on stdin, read '{line}'");
            }
        }

        // Dedicated threads, not the thread pool: the store blocks its caller while SQLite holds the write lock.
        var results = new (long Succeeded, long Conflicts)[writers];
        var failures = new Exception?[writers];
        var threads = new Thread[writers];
        var process = Environment.ProcessId;
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            threads[w] = new Thread(() =>
            {
                try
                {
                    results[writer] = WriteAsync(engine, tenant, id, $"p{process}-w{writer}", updates).GetAwaiter().GetResult();
                }
#pragma warning disable CA1031 // Rethrown on the main thread below.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures[writer] = e;
                }
            })
            { IsBackground = true, Name = "writer " + writer.ToString(CultureInfo.InvariantCulture) };
            threads[w].Start();
        }

        long succeeded = 0, conflicts = 0;
        for (var w = 0; w < writers; w++)
        {
            threads[w].Join();
            if (failures[w] is { } failure)
            {
                throw new InvalidOperationException($"writer {w} failed", failure);
            }

            succeeded += results[w].Succeeded;
            conflicts += results[w].Conflicts;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"updated {succeeded} conflicts {conflicts}"));
        Console.Out.Flush();
        return 0;
    }

    /// <summary>One writer: <paramref name="updates"/> accepted Assign commands, retrying every conflict.</summary>
    private static async Task<(long Succeeded, long Conflicts)> WriteAsync(ItsmEngine engine, TenantId tenant, IncidentId id, string writer, int updates)
    {
        long succeeded = 0, conflicts = 0;
        for (var i = 0; i < updates; i++)
        {
            // The assignee changes, the group does not: the SLA snapshot (and so the stored state) stays the same size.
            var assignee = writer + "-" + i.ToString(CultureInfo.InvariantCulture);
            while (true)
            {
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

    private static async Task<int> CrashAsync(Options options)
    {
        var engine = Engine(options);
        var tenant = new TenantId(options.Require("tenant"));
        var seed = options.Int("seed", null);
        var writers = Math.Max(1, options.Int("writers", 1));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(options.Int("max-seconds", 120));
        if (writers == 1)
        {
            await CrashLoopAsync(engine, tenant, new Random(seed), deadline).ConfigureAwait(false);
            return 0;
        }

        var loops = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var random = new Random(unchecked(seed + w));
            loops[w] = Task.Run(() => CrashLoopAsync(engine, tenant, random, deadline));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        return 0;
    }

    private static async Task CrashLoopAsync(ItsmEngine engine, TenantId tenant, Random random, DateTimeOffset deadline)
    {
        var open = new List<(IncidentId Id, int Step, bool Resolved)>();
        var stdout = Console.Out;
        while (DateTimeOffset.UtcNow < deadline)
        {
            // Keep one to four incidents in flight; open a new one now and then.
            if (open.Count == 0 || (open.Count < 4 && random.Next(4) == 0))
            {
                var id = IncidentId.New();
                var created = await engine.Incidents.CreateAsync(tenant, id, Agent, new OpenIncident("caller.crash", "Crash test incident", Impact.Medium, Urgency.Medium)).ConfigureAwait(false);
                Report(stdout, id, created.Version);
                open.Add((id, 0, false));
                continue;
            }

            var pick = random.Next(open.Count);
            var (incidentId, step, resolved) = open[pick];
            var command = resolved ? new CloseIncident() : Lifecycle(step, random);
            var result = await engine.Incidents.ExecuteAsync(tenant, incidentId, Agent, command).ConfigureAwait(false);
            Report(stdout, incidentId, result.Version);
            if (resolved)
            {
                open.RemoveAt(pick);
            }
            else
            {
                open[pick] = (incidentId, step + 1, command is ResolveIncident);
            }
        }
    }

    // Assign, then rounds of hold, resume and reassignment, then (from step 7 on, when in progress,
    // one time in three) resolve; the caller closes a resolved incident next.
    private static RecordCommand<Incident> Lifecycle(int step, Random random)
    {
        if (step == 0)
        {
            return new AssignIncident(new SupportGroupId("Crash"), "first");
        }

        if (step > 6 && step % 3 != 2 && random.Next(3) == 0)
        {
            return step % 2 == 0
                ? new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Fixed by the crash test.")
                : new ResolveIncident(IncidentResolutionCode.SolvedWorkaround, "Worked around by the crash test.");
        }

        return (step % 3) switch
        {
            1 => new PutIncidentOnHold(OnHoldReason.AwaitingVendor),
            2 => new ResumeIncident(),
            _ => new AssignIncident(new SupportGroupId("Crash"), "agent" + step.ToString(CultureInfo.InvariantCulture)),
        };
    }

    // Concurrent writers share stdout: one whole line at a time.
    private static readonly object ReportGate = new();

    private static void Report(System.IO.TextWriter stdout, IncidentId id, long version)
    {
        lock (ReportGate)
        {
            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"commit {id} {version}\n"));
            stdout.Flush();
        }
    }

    private sealed class Options
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public string Mode { get; private set; } = string.Empty;

        public SqliteSynchronous Synchronous => (_values.GetValueOrDefault("synchronous") ?? "full").ToUpperInvariant() switch
        {
            "FULL" => SqliteSynchronous.Full,
            "NORMAL" => SqliteSynchronous.Normal,
            var other => throw new ArgumentException($"--synchronous {other}: use full or normal"),
        };

        public static Options Parse(string[] args)
        {
            if (args.Length == 0)
            {
                throw new ArgumentException("usage: update|crash --db FILE --tenant T ... (see Program.cs)");
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
