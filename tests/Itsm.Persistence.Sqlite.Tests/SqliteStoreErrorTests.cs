using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteStoreErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_StoreUnavailableException_naming_the_path_and_is_left_unchanged()
    {
        var path = _directory.NewDatabase();
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("This is a spreadsheet, not a database. ", 200)));
        await File.WriteAllBytesAsync(path, bytes);
        var store = Store(path);

        var load = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.LoadAsync(Tenant, "Incident", "INC-1"));
        var save = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Write("INC-1", 0)));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.QueryAsync(Tenant, new RecordQuery()));

        Assert.Equal($"The SQLite store '{path}' cannot be used: the file is not a SQLite database (SQLITE_NOTADB). It was left unchanged.", load.Message);
        Assert.Equal(load.Message, save.Message);
        Assert.Equal(StoreUnavailableException.ErrorCode, save.Code);
        Assert.Equal(26, Assert.IsType<SqliteException>(save.InnerException).SqliteErrorCode);
        SqliteConnection.ClearAllPools();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([Path.GetFileName(path)], Directory.EnumerateFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_read_only_file_gives_StoreUnavailableException_naming_the_path_and_nothing_is_written()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        var before = Sql.Scalar(path, "SELECT group_concat(record_id || ':' || version) FROM records");

        MakeReadOnly(path, readOnly: true); // chmod 444; the tests run as root, which SQLite would let write anyway
        try
        {
            var same = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Write("INC-1", 1)));
            var fresh = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store(path).SaveAsync(Write("INC-2", 0)));
            var firstUse = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store(path).LoadAsync(Tenant, "Incident", "INC-1"));

            var expected = $"The SQLite store '{path}' cannot be used: the file is read-only, and the store needs to write to it. Nothing was written.";
            Assert.Equal(expected, same.Message);
            Assert.Equal(expected, fresh.Message);
            Assert.Equal(expected, firstUse.Message);
        }
        finally
        {
            MakeReadOnly(path, readOnly: false);
        }

        Assert.Equal(before, Sql.Scalar(path, "SELECT group_concat(record_id || ':' || version) FROM records"));
        Assert.Equal(1, (await store.LoadAsync(Tenant, "Incident", "INC-1"))?.Version);
        Assert.Single(await store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));
    }

    [Fact]
    public async Task A_database_locked_longer_than_the_busy_timeout_gives_StoreUnavailableException_and_the_save_is_not_written()
    {
        var path = _directory.NewDatabase();
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path, BusyTimeout = Duration.FromMilliseconds(200) });
        await store.SaveAsync(Write("INC-1", 0));

        using (var holder = Sql.Open(path))
        {
            Sql.Command(holder, "BEGIN IMMEDIATE").ExecuteNonQuery();

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Write("INC-1", 1)));

            Assert.Equal($"The SQLite store '{path}' cannot be used: another connection kept it locked for longer than the busy timeout (200 ms). Nothing was written; retry later.", error.Message);
            Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);

            // Readers are not blocked by a writer in WAL mode.
            Assert.Equal(1, (await store.LoadAsync(Tenant, "Incident", "INC-1"))?.Version);
            Sql.Command(holder, "ROLLBACK").ExecuteNonQuery();
        }

        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write("INC-1", 1)));
    }

    [Fact]
    public async Task A_save_that_fails_at_its_last_statement_leaves_nothing_half_written()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0, state: "{\"v\":1}"));
        Sql.Execute(path, "CREATE TRIGGER test_fail_key BEFORE INSERT ON idempotency BEGIN SELECT RAISE(ABORT, 'test: refuse keys'); END");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Write("INC-1", 1, state: "{\"v\":2}", key: new IdempotencyKey("k", "fp"))));

        Assert.Contains("test: refuse keys", error.Message, StringComparison.Ordinal);
        var loaded = await store.LoadAsync(Tenant, "Incident", "INC-1");
        Assert.Equal((1L, "{\"v\":1}"), (loaded!.Version, loaded.State));
        Assert.Single(await store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));
        Assert.Null(await store.FindIdempotencyKeyAsync(Tenant, "k"));
        Assert.Equal(1L, Sql.Scalar(path, "SELECT count(*) FROM audit"));
    }

    [Fact]
    public async Task A_primary_key_violation_on_insert_is_reported_as_ConcurrencyException_and_rolls_back()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));

        // An audit row without its record, as only a hand edit of the file could leave behind; at a far
        // position, so the save collides on the row's key (tenant, type, id, version), not on its position.
        Sql.Execute(path, "INSERT INTO audit SELECT tenant, record_type, 'INC-2', version, at, actor_id, actor_roles, command, from_state, to_state, data, position + 1000 FROM audit");

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write("INC-2", 0)));

        Assert.Equal((0L, 0L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Null(await store.LoadAsync(Tenant, "Incident", "INC-2"));
        Assert.Equal(1L, Sql.Scalar(path, "SELECT count(*) FROM records"));
    }

    [Fact]
    public async Task A_missing_directory_gives_StoreUnavailableException_naming_the_path()
    {
        var path = Path.Combine(_directory.Path, "missing", "itsm.db");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store(path).LoadAsync(Tenant, "Incident", "INC-1"));

        Assert.Equal($"The SQLite store '{path}' cannot be used: the file cannot be opened (SQLITE_CANTOPEN); check that its directory exists and is writable.", error.Message);
    }

    [Theory]
    [InlineData("openedAt")]
    [InlineData("slaDueAt")]
    [InlineData("at")]
    public async Task An_instant_outside_the_storable_range_throws_ArgumentOutOfRangeException_naming_the_field_and_writes_nothing(string field)
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        var tooLate = Instant.FromUtc(2262, 4, 12, 0, 0);
        var write = field switch
        {
            "openedAt" => Write("INC-1", 1, index: Index(openedAt: tooLate)),
            "slaDueAt" => Write("INC-1", 1, index: Index(slaDueAt: Instant.FromUtc(1677, 1, 1, 0, 0))),
            _ => new AggregateWrite(Tenant, "Incident", "INC-1", 1, "{}", Index(), [Entry("INC-1"), Entry("INC-1", at: tooLate)]),
        };
        var expectedName = field switch
        {
            "openedAt" => "write.Index.OpenedAt",
            "slaDueAt" => "write.Index.SlaDueAt",
            _ => "write.AuditEntries[1].At",
        };

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(write));

        Assert.Equal(expectedName, error.ParamName);
        var value = field == "slaDueAt" ? "1677-01-01T00:00:00Z" : "2262-04-12T00:00:00Z";
        Assert.Equal(
            $"{expectedName} is {value}, outside the range the SQLite store keeps exactly (nanoseconds since 1970 in 64 bits: 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z). (Parameter '{expectedName}')",
            error.Message);
        Assert.Equal(1, (await store.LoadAsync(Tenant, "Incident", "INC-1"))?.Version);
        Assert.Single(await store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));
    }

    private static void MakeReadOnly(string path, bool readOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, readOnly ? FileAttributes.ReadOnly : FileAttributes.Normal);
        }
        else
        {
            File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
