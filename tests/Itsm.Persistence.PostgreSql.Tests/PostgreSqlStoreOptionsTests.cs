using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>Options validation, and an unusable server reported as <see cref="StoreUnavailableException"/>.</summary>
public sealed class PostgreSqlStoreOptionsTests
{
    [Fact]
    public void Default_options_list_the_missing_connection_string_only()
    {
        var options = new PostgreSqlStoreOptions();
        Assert.Equal("itsm", options.Schema);
        Assert.Equal(Duration.FromSeconds(30), options.CommandTimeout);
        Assert.Equal(
            ["ConnectionString is empty: set it to an Npgsql connection string, for example \"Host=localhost;Database=itsm;Username=itsm;Password=...\"."],
            options.Validate());
    }

    [Theory]
    [InlineData("Host=db", true, 128, 2)]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0", false, 0, 2)]
    [InlineData("host=db;noresetonclose=False;MAXAUTOPREPARE=7;Auto Prepare Min Usages=5", false, 7, 5)]
    public void The_pool_skips_the_reset_and_prepares_statements_unless_the_connection_string_says_otherwise(string connectionString, bool noReset, int maxAutoPrepare, int minUsages)
    {
        using var store = new PostgreSqlAggregateStore(new PostgreSqlStoreOptions { ConnectionString = connectionString });
        var used = new Npgsql.NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);
        Assert.Equal((noReset, maxAutoPrepare, minUsages), (used.NoResetOnClose, used.MaxAutoPrepare, used.AutoPrepareMinUsages));
    }

    [Fact]
    public void Every_problem_is_listed_at_once_and_the_store_refuses_them_in_one_ArgumentException()
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = "Database=itsm", Schema = "Bad-Name", CommandTimeout = Duration.Zero };
        string[] expected =
        [
            "ConnectionString names no Host: add Host=<server> to it.",
            "Schema 'Bad-Name' is not a valid schema name: use lower-case letters, digits and underscores, at most 63 characters, not starting with a digit.",
            "CommandTimeout is 0 s: it must be positive.",
        ];
        Assert.Equal(expected, options.Validate());

        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlAggregateStore(options));
        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("The PostgreSQL store options are not valid: " + string.Join(" ", expected), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_Npgsql_cannot_parse_and_a_too_long_timeout_are_reported()
    {
        var errors = new PostgreSqlStoreOptions { ConnectionString = "Host=x;NoSuchKeyword=1", CommandTimeout = Duration.FromDays(30_000) }.Validate();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("ConnectionString is not a valid Npgsql connection string: ", errors[0], StringComparison.Ordinal);
        Assert.Equal($"CommandTimeout is {Duration.FromDays(30_000).TotalSeconds} s: it must be at most {int.MaxValue} s.", errors[1]);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_StoreUnavailableException_naming_the_store_without_its_password()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var store = new PostgreSqlAggregateStore(new PostgreSqlStoreOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=u;Password=secret-pw;Timeout=5",
        });

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.LoadAsync(Samples.Tenant, "Incident", "INC-1")).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith($"The PostgreSQL store '127.0.0.1:{port}/nowhere, schema itsm' cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
        Assert.Equal(StoreUnavailableException.ErrorCode, error.Code);
    }

    [Fact]
    public async Task A_wrong_password_is_a_StoreUnavailableException_saying_the_login_was_refused()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Password = "not-the-password" };
        await using var store = new PostgreSqlAggregateStore(new PostgreSqlStoreOptions { ConnectionString = builder.ConnectionString });

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Samples.Write("INC-1", 0))).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("cannot be used: the server refused the login (28P01: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
    }
}
