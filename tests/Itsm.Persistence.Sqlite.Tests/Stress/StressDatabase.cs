using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Common;
using Itsm.Incidents;
using Microsoft.Data.Sqlite;
using NodaTime;

using Itsm.Persistence.Contract.Stress;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// A scratch SQLite database in its own temporary directory, an engine over it, and raw SQL outside the
/// store (unpooled connections, so nothing of the test lingers). Deleted on dispose.
/// </summary>
internal sealed class StressDatabase : IDisposable
{
    public static readonly TenantId Tenant = new("stress");

    public static readonly Actor Agent = new("stress.agent", "itil");

    private readonly string _directory;

    public StressDatabase(SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        _directory = Directory.CreateTempSubdirectory("itsm-stress-").FullName;
        Path = System.IO.Path.Combine(_directory, "itsm.db");
        Synchronous = synchronous;
        Store = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path, Synchronous = synchronous, BusyTimeout = Duration.FromSeconds(60) });
        Engine = new ItsmEngine(Store, ItsmAuthorizers.AllowAll, SystemClock.Instance);
    }

    public string Path { get; }

    public SqliteSynchronous Synchronous { get; }

    public SqliteAggregateStore Store { get; }

    public ItsmEngine Engine { get; }

    /// <summary>Opens a new incident (version 1) and returns its id.</summary>
    public async Task<IncidentId> OpenIncidentAsync(string description = "Stress test incident")
    {
        var id = IncidentId.New();
        await Engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.stress", description, Impact.Medium, Urgency.Medium));
        return id;
    }

    /// <summary>The lost-update check of an incident through the engine and the store's API.</summary>
    public async Task<HistoryCheck> CheckIncidentAsync(IncidentId id, long initial, long succeeded)
    {
        var incident = await Engine.Incidents.GetAsync(Tenant, id, Agent);
        var history = await Store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
        var versions = new List<long>(history.Count);
        foreach (var entry in history)
        {
            versions.Add(entry.Version);
        }

        return HistoryCheck.Of(initial, succeeded, incident.Version, versions);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 60000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    public long Long(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(Scalar(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public List<object?[]> Rows(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public void Dispose()
    {
        // The store's pooled connections keep the file open; close them so the directory goes away.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temporary directory eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
