using System;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// Hostile options (a 10 MB connection string or schema name, control characters, unpaired surrogates): refused with
/// <see cref="ArgumentException"/> naming <c>options</c>, its message bounded whatever the input (no server needed).
/// </summary>
public sealed class PostgreSqlHostileOptionsTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const int MaxMessage = 4_000;

    [Theory]
    [InlineData("connection string")]
    [InlineData("connection string with a bad key")]
    [InlineData("schema")]
    public void Hostile_options_are_refused_with_a_bounded_message(string what)
    {
        var huge = new string('x', TenMegabytes) + "\u0001\uD800";
        var options = what switch
        {
            "connection string" => new PostgreSqlStoreOptions { ConnectionString = "Host=db;Port=" + huge },
            "connection string with a bad key" => new PostgreSqlStoreOptions { ConnectionString = "Host=db;" + huge + "=1" },
            _ => new PostgreSqlStoreOptions { ConnectionString = "Host=db", Schema = huge },
        };

        var e = Assert.Throws<ArgumentException>(() => new PostgreSqlAggregateStore(options));

        Assert.Equal("options", e.ParamName);
        Assert.True(e.Message.Length <= MaxMessage, $"{e.Message.Length} characters");
        Assert.DoesNotContain(e.Message, char.IsControl);
        Assert.DoesNotContain('\uD800', e.Message);
    }
}
