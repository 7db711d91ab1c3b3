using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>The audit table refuses UPDATE, DELETE and TRUNCATE in the database itself, whoever runs them.</summary>
public sealed class PostgreSqlAuditLogTests : IAsyncLifetime
{
    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());

    public async Task InitializeAsync()
    {
        await _store.SaveAsync(Samples.Write("INC-1", 0));
        await _store.SaveAsync(Samples.Write("INC-1", 1));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Theory]
    [InlineData("UPDATE {0}.audit SET command = 'Tampered' WHERE version = 1", "UPDATE")]
    [InlineData("UPDATE {0}.audit SET version = version + 10", "UPDATE")]
    [InlineData("DELETE FROM {0}.audit WHERE version = 2", "DELETE")]
    [InlineData("DELETE FROM {0}.audit", "DELETE")]
    [InlineData("TRUNCATE {0}.audit", "TRUNCATE")]
    public async Task A_raw_statement_that_would_change_audit_rows_fails_with_the_trigger_message_and_changes_nothing(string sql, string operation)
    {
        var before = await _store.ReadHistoryAsync(Samples.Tenant, "Incident", "INC-1");

        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, $"\"{_store.Schema}\"")));

        Assert.Equal("23001", error.SqlState); // restrict_violation
        Assert.Equal($"itsm: the audit log is append-only; {operation} of audit rows is not allowed", error.MessageText);
        var after = await _store.ReadHistoryAsync(Samples.Tenant, "Incident", "INC-1");
        Assert.Equal(before.Select(e => (e.Version, e.Command, e.At)), after.Select(e => (e.Version, e.Command, e.At)));
        Assert.Equal(2, after.Count);
    }
}
