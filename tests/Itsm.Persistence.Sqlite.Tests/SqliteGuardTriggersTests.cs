using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// The batch insert of new records runs with the connection's triggers off while the append-only guards are the
/// file's only triggers: what the guards refuse, the unique keys refuse; a host's own trigger still fires; and the
/// store's write connection, which it keeps, has its triggers on again after the unit.
/// </summary>
public sealed class SqliteGuardTriggersTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static UnitOfWork NewRecords(params string[] ids) =>
        new(ids.Select(id => new AggregateWrite(Tenant, "Incident", id, 0, "{\"v\":1}", Index(), [Entry(id), Entry(id, command: "Assign")])).ToArray());

    [Fact]
    public async Task A_unit_creating_several_records_leaves_its_connection_with_triggers_on_and_the_guards_refusing()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.CommitAsync(NewRecords("INC-1", "INC-2"));

        // The unit ran on the store's kept write connection, which the next commit uses.
        Assert.True(store.WriteConnectionTriggersEnabled());
        using var connection = store.OpenConnection();
        using var replace = connection.CreateCommand();
        replace.CommandText = "REPLACE INTO audit SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 1";
        var error = Assert.Throws<SqliteException>(() => replace.ExecuteNonQuery());
        Assert.Contains("the audit log is append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(4L, Sql.Scalar(path, "SELECT count(*) FROM audit WHERE actor_id <> 'intruder'"));
    }

    [Fact]
    public async Task A_unit_creating_several_records_whose_audit_key_is_taken_is_a_concurrency_conflict_and_writes_nothing()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        // An audit row of INC-3, a record that does not exist: the primary key of the audit log refuses its insert.
        Sql.Execute(path, "INSERT INTO audit SELECT tenant, record_type, 'INC-3', 2, at, 'stray', actor_roles, command, from_state, to_state, data, position + 1000 FROM audit");
        (object?, object?) Rows() => (Sql.Scalar(path, "SELECT count(*) FROM records"), Sql.Scalar(path, "SELECT count(*) FROM audit"));
        var before = Rows();

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => store.CommitAsync(NewRecords("INC-2", "INC-3")));

        Assert.Equal("INC-3", error.RecordId);
        Assert.Equal(before, Rows());
        Assert.True(store.WriteConnectionTriggersEnabled());
    }

    [Fact]
    public async Task A_hosts_own_trigger_on_the_audit_log_fires_for_every_row_of_a_unit_creating_several_records()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        Sql.Execute(path, "CREATE TABLE audit_mirror (record_id TEXT NOT NULL, version INTEGER NOT NULL)");
        Sql.Execute(path, "CREATE TRIGGER mirror_audit AFTER INSERT ON audit BEGIN INSERT INTO audit_mirror VALUES (NEW.record_id, NEW.version); END");

        await store.CommitAsync(NewRecords("INC-2", "INC-3"));

        Assert.Equal(
            ["INC-2 1", "INC-2 2", "INC-3 1", "INC-3 2"],
            Sql.Rows(path, "SELECT record_id, version FROM audit_mirror ORDER BY record_id, version").Select(r => $"{r[0]} {r[1]}"));
    }
}
