using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the one <c>ITSM_POSTGRES_CONNECTION</c> names (CI starts one
/// with <c>build/postgres.sh start</c>), or else a throwaway cluster this test run starts through
/// <c>build/postgres.sh</c> and stops when it ends. Never skipped: without a server every test fails with a
/// message that says what to install.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "ITSM_POSTGRES_CONNECTION";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10); // may install PostgreSQL first
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Server> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the test database (the user owns it, so it may create schemas).</summary>
    public static string ConnectionString => Instance.Value.ConnectionString;

    /// <summary>A data source for raw SQL (tampering, inspection, dropping schemas).</summary>
    public static NpgsqlDataSource Raw => Instance.Value.DataSource;

    /// <summary>A new schema name, unique to the caller.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    /// <summary>Store options on a new, empty schema.</summary>
    public static PostgreSqlStoreOptions NewOptions(string? schema = null) => new()
    {
        ConnectionString = ConnectionString,
        Schema = schema ?? NewSchema(),
        CommandTimeout = NodaTime.Duration.FromSeconds(60),
    };

    /// <summary>Runs one statement on the test database; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Raw.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one query on the test database; returns its first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Raw.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    private static Server Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new Server(given, null);
        }

        var script = FindScript();
        var (exitCode, stdout, stderr) = Run(script, StartTimeout, "start", "--watch-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string? connection = null, directory = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith(Variable + "=", StringComparison.Ordinal))
            {
                connection = line[(Variable.Length + 1)..].Trim('\'');
            }
            else if (line.StartsWith("ITSM_POSTGRES_DIR=", StringComparison.Ordinal))
            {
                directory = line["ITSM_POSTGRES_DIR=".Length..].Trim('\'');
            }
        }

        if (exitCode != 0 || connection is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server, and none could be started. Either set {Variable} to the connection string of a "
                + "database whose user may create schemas, or install PostgreSQL (15 or later; Debian/Ubuntu: 'apt-get install postgresql', "
                + $"macOS: 'brew install postgresql@15') so that {script} can start a throwaway one. "
                + $"'{script} start' exited with {exitCode}: {stderr.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, StopTimeout, "stop", directory!);
        return new Server(connection, directory);
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "build", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The PostgreSQL tests need a server: set {Variable}, or run them from the repository, whose build/postgres.sh starts a throwaway one "
            + $"(not found above {AppContext.BaseDirectory}).");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string script, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Empty, $"timed out after {timeout.TotalSeconds} s");
        }

        // The watchdog postgres.sh leaves behind has its own stdio (/dev/null), so these complete.
        var finished = Task.WhenAll(stdout, stderr).Wait(TimeSpan.FromSeconds(30));
        return (process.ExitCode, finished ? stdout.Result : string.Empty, finished ? stderr.Result : "(output not read)");
    }

    private sealed class Server
    {
        public Server(string connectionString, string? directory)
        {
            ConnectionString = connectionString;
            Directory = directory;
            DataSource = NpgsqlDataSource.Create(connectionString);
        }

        public string ConnectionString { get; }

        public string? Directory { get; }

        public NpgsqlDataSource DataSource { get; }
    }
}
