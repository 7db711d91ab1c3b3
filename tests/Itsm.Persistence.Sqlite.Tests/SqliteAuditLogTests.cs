using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private const string Replaced = "itsm: the audit log is append-only; an audit row with this key exists, and REPLACE or an upsert of audit rows is not allowed";

    private const string ReplacedPosition = "itsm: the audit log is append-only; an audit row with this feed position exists, and REPLACE or an upsert of audit rows is not allowed";

    private const string ReplacedRowid = "itsm: the audit log is append-only; an audit row with this rowid exists, and REPLACE or an upsert of audit rows is not allowed";

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_audit_row_the_records_version_does_not_account_for_makes_the_save_a_concurrency_conflict_and_stays()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        Sql.Execute(path, "INSERT INTO audit SELECT tenant, record_type, record_id, 2, at, 'stray', actor_roles, command, from_state, to_state, data, position + 1000 FROM audit WHERE version = 1");
        var before = Dump(path);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write("INC-1", 1)));

        Assert.Equal((1L, 1L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(before, Dump(path));
    }

    [Theory]
    [InlineData("UPDATE audit SET command = 'Forged' WHERE version = 1", "itsm: the audit log is append-only; UPDATE of audit rows is not allowed")]
    [InlineData("UPDATE audit SET version = version + 10", "itsm: the audit log is append-only; UPDATE of audit rows is not allowed")]
    [InlineData("DELETE FROM audit WHERE version = 2", "itsm: the audit log is append-only; DELETE of audit rows is not allowed")]
    [InlineData("DELETE FROM audit", "itsm: the audit log is append-only; DELETE of audit rows is not allowed")]
    [InlineData("UPDATE OR REPLACE audit SET version = 1", "itsm: the audit log is append-only; UPDATE of audit rows is not allowed")]
    [InlineData("INSERT OR REPLACE INTO audit SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 1", Replaced)]
    [InlineData("REPLACE INTO audit SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 1", Replaced)]
    [InlineData("INSERT INTO audit SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 2 ON CONFLICT (tenant, record_type, record_id, version) DO UPDATE SET command = 'Forged'", Replaced)]
    [InlineData("INSERT INTO audit SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 2 ON CONFLICT DO NOTHING", Replaced)]
    [InlineData("INSERT OR IGNORE INTO audit SELECT * FROM audit", Replaced)]
    [InlineData("INSERT OR REPLACE INTO audit SELECT tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 1", ReplacedPosition)]
    [InlineData("REPLACE INTO audit SELECT tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 1", ReplacedPosition)]
    [InlineData("INSERT INTO audit SELECT tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 2 ON CONFLICT (tenant, position) DO UPDATE SET command = 'Forged'", ReplacedPosition)]
    [InlineData("INSERT INTO audit SELECT tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position FROM audit WHERE version = 2 ON CONFLICT DO NOTHING", ReplacedPosition)]
    [InlineData("INSERT OR IGNORE INTO audit SELECT tenant, record_type, record_id, version + 100, at, actor_id, actor_roles, command, from_state, to_state, data, position FROM audit", ReplacedPosition)]
    [InlineData("INSERT OR REPLACE INTO audit (rowid, tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT rowid, tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, position + 100 FROM audit WHERE version = 1", ReplacedRowid)]
    [InlineData("REPLACE INTO audit (rowid, tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT rowid, tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, NULL FROM audit WHERE version = 1", ReplacedRowid)]
    [InlineData("INSERT INTO audit (rowid, tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT rowid, tenant, record_type, record_id, version + 100, at, 'intruder', actor_roles, 'Forged', from_state, to_state, data, NULL FROM audit WHERE version = 2 ON CONFLICT DO UPDATE SET command = 'Forged'", ReplacedRowid)]
    public async Task Raw_updates_deletes_replaces_and_upserts_of_audit_rows_fail_with_the_triggers_message_and_change_nothing(string sql, string message)
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        await store.SaveAsync(Write("INC-1", 1));
        var before = Dump(path);

        var error = Assert.Throws<SqliteException>(() => Sql.Execute(path, sql));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT (RAISE(ABORT))
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Dump(path));
        Assert.Equal([1L, 2L], (await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).Select(e => e.Version));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("NULL")]
    public async Task An_insert_that_collides_on_no_unique_key_is_an_append_and_is_allowed(string position)
    {
        // What the triggers allow: a row whose primary key, feed position (when not NULL) and rowid are all new. Even
        // through REPLACE it adds a row and changes none, so the rows that were there read back exactly as before.
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        await store.SaveAsync(Write("INC-1", 1));
        var before = Dump(path);

        var inserted = Sql.Execute(path, $"INSERT OR REPLACE INTO audit SELECT tenant, record_type, 'INC-9', 1, at, actor_id, actor_roles, command, from_state, to_state, data, {position} FROM audit WHERE version = 1");

        Assert.Equal(1, inserted);
        Assert.Equal(3L, Sql.Scalar(path, "SELECT count(*) FROM audit"));
        Assert.Equal(before, Dump(path, "WHERE record_id = 'INC-1'"));
    }

    [Fact]
    public async Task The_audit_row_holds_the_actor_roles_and_data_as_JSON_and_the_time_as_nanoseconds()
    {
        var path = _directory.NewDatabase();
        await Store(path).SaveAsync(new AggregateWrite(
            Tenant, "Incident", "INC-1", 0, "{}", Index(),
            [Entry("INC-1", at: T0 + NodaTime.Duration.FromNanoseconds(7), data: new System.Collections.Generic.Dictionary<string, string> { ["reason"] = "café \"☕\"" })]));

        var row = Assert.Single(Sql.Rows(path, "SELECT tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data FROM audit"));

        Assert.Equal(
            ["tenant-a", "Incident", "INC-1", 1L, 1_741_597_200_000_000_007L, "agent-7", "[\"itil\",\"service_desk\"]", "Update", "New", "InProgress", "{\"reason\":\"café \\\"☕\\\"\"}"],
            row);
    }

    [Fact]
    public async Task A_unit_creating_several_records_stores_their_text_as_the_same_UTF_8_bytes()
    {
        // Two new records take the batch insert path, which encodes text itself into one reused buffer: a long
        // state first, then shorter values, so a stale tail of the buffer would show.
        var path = _directory.NewDatabase();
        var longState = "{\"note\":\"" + new string('x', 3000) + " café ☕ 𝄞\"}";
        var data = new System.Collections.Generic.Dictionary<string, string> { ["reason"] = "naïve ☕" };
        await Store(path).CommitAsync(new UnitOfWork([
            new AggregateWrite(Tenant, "Incident", "INC-1", 0, longState, Index(), [Entry("INC-1", data: data)]),
            new AggregateWrite(Tenant, "Incident", "INC-2", 0, "{\"note\":\"é\"}", Index(), [Entry("INC-2", data: data)]),
        ]));

        Assert.Equal(
            [Hex(longState), Hex("{\"note\":\"é\"}")],
            Sql.Rows(path, "SELECT hex(state) FROM records ORDER BY record_id").Select(row => (string)row[0]!).ToArray());
        Assert.Equal(
            [Hex("{\"reason\":\"naïve ☕\"}"), Hex("{\"reason\":\"naïve ☕\"}")],
            Sql.Rows(path, "SELECT hex(data) FROM audit ORDER BY record_id").Select(row => (string)row[0]!).ToArray());
    }

    private static string Hex(string text) => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("actor_roles", "not json")]
    [InlineData("actor_roles", "{\"a\":1}")]
    [InlineData("actor_roles", "[1]")]
    [InlineData("actor_roles", "[\" \"]")]
    [InlineData("data", "[]")]
    [InlineData("data", "{\"k\":1}")]
    [InlineData("data", "{\"k\":\"a\",\"k\":\"b\"}")]
    [InlineData("data", "{")]
    [InlineData("actor_id", " ")]
    public async Task Corrupt_actor_or_data_in_an_audit_row_is_reported_as_CorruptRecordException(string column, string value)
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        using (var connection = Sql.Open(path))
        {
            // The triggers forbid UPDATE; drop them for this test only, the way an attacker with file access could.
            Sql.Command(connection, "DROP TRIGGER audit_no_update").ExecuteNonQuery();
            Sql.Command(connection, $"UPDATE audit SET {column} = $value", ("$value", value)).ExecuteNonQuery();
        }

        var history = await Assert.ThrowsAsync<CorruptRecordException>(() => store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));
        var audit = await Assert.ThrowsAsync<CorruptRecordException>(() => store.ReadAuditAsync(Tenant, new NodaTime.Interval(T0, T0 + NodaTime.Duration.FromDays(1))));

        Assert.Equal(CorruptRecordException.ErrorCode, history.Code);
        Assert.Equal((Tenant, "Incident", "INC-1"), (history.Tenant, history.RecordType, history.RecordId));
        Assert.StartsWith("Incident 'INC-1' of tenant 'tenant-a' is stored in a form that cannot be read: the actor or data of audit entry 1 is not valid: ", history.Message, StringComparison.Ordinal);
        Assert.NotNull(history.InnerException);
        Assert.Equal(history.Message, audit.Message);
    }

    [Fact]
    public async Task Corrupt_state_JSON_is_returned_as_it_is()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0, state: "{\"ok\":true}"));
        Sql.Execute(path, "UPDATE records SET state = '{not json'");

        var loaded = await store.LoadAsync(Tenant, "Incident", "INC-1");

        Assert.Equal("{not json", loaded?.State);
    }

    private static string Dump(string path, string where = "") =>
        string.Join("\n", Sql.Rows(path, $"SELECT rowid, * FROM audit {where} ORDER BY record_type, record_id, version").Select(r => string.Join("|", r)));
}
