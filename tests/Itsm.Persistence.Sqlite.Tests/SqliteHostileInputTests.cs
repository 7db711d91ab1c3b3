using System;
using System.Threading.Tasks;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// Hostile input that reaches the SQLite store (a 10 MB path, a stored audit column holding a 10 MB key with control
/// characters and unpaired surrogates): the documented exception, with a message bounded whatever the input.
/// </summary>
public sealed class SqliteHostileInputTests : IDisposable
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    // A bounded quote of the path, a cut driver message, and the store's own sentence.
    private const int MaxMessage = 4_000;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_10_MB_path_gives_StoreUnavailableException_with_a_bounded_message()
    {
        var path = System.IO.Path.Combine(_directory.Path, new string('p', TenMegabytes) + "\u0001\uD800.db");
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path });

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.LoadAsync(Tenant, "Incident", "INC-1"));

        AssertBounded(e.Message);
        Assert.Contains("… (", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("actor_roles")]
    public async Task A_stored_audit_column_with_a_10_MB_hostile_key_gives_CorruptRecordException_with_a_bounded_message(string column)
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("INC-1", 0));
        var hostile = column == "data"
            ? "{\"" + new string('k', TenMegabytes) + "\\u0000\\uD800\":1}"
            : "[\"" + new string('r', TenMegabytes) + "\", 1]";
        using (var connection = Sql.Open(path))
        {
            // The triggers forbid UPDATE; drop them for this test only, the way an attacker with file access could.
            Sql.Command(connection, "DROP TRIGGER audit_no_update").ExecuteNonQuery();
            Sql.Command(connection, $"UPDATE audit SET {column} = $value", ("$value", hostile)).ExecuteNonQuery();
        }

        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => store.ReadHistoryAsync(Tenant, "Incident", "INC-1"));

        Assert.Equal(CorruptRecordException.ErrorCode, e.Code);
        AssertBounded(e.Message);
    }

    [Fact]
    public void Options_naming_a_directory_with_a_long_hostile_name_are_refused_with_a_bounded_message()
    {
        var directory = System.IO.Path.Combine(_directory.Path, new string('d', 200) + "\u0007");
        System.IO.Directory.CreateDirectory(directory);

        var e = Assert.Throws<ArgumentException>(() => new SqliteAggregateStore(new SqliteStoreOptions { Path = directory }));

        Assert.Equal("options", e.ParamName);
        AssertBounded(e.Message);
    }

    private static void AssertBounded(string message)
    {
        Assert.True(message.Length <= MaxMessage, $"{message.Length} characters");
        Assert.DoesNotContain(message, char.IsControl);
        for (int i = 0; i < message.Length; i++)
        {
            Assert.False(char.IsSurrogate(message[i]) && !(i + 1 < message.Length && char.IsSurrogatePair(message[i], message[i + 1])) && !(i > 0 && char.IsSurrogatePair(message[i - 1], message[i])), "an unpaired surrogate");
        }
    }
}
