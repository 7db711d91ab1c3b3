using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Itsm.Samples.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class CorruptRecordTests(ApiFixture api)
{
    [Fact]
    public async Task AnUnreadableRecord_Is500_WithoutItsInternals()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(api.Client, tenant);
        using (var connection = new SqliteConnection($"Data Source={api.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE records SET state = '{\"secret-internal\": ' WHERE tenant = $tenant";
            update.Parameters.AddWithValue("$tenant", tenant);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var get = await api.Client.Get(path);
        var command = await api.Client.Post(path + "/assign", """{"group":"Network"}""");

        foreach (var reply in new[] { get, command })
        {
            Assert.Equal(500, reply.Status);
            Assert.Equal("application/problem+json", reply.MediaType);
            Assert.Equal("ITSM-PERSIST-CORRUPT-001", reply.Str("code"));
            Assert.False(string.IsNullOrWhiteSpace(reply.Str("traceId")));
            Assert.DoesNotContain("secret-internal", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(tenant, reply.Str("detail"), StringComparison.Ordinal);
            Assert.DoesNotContain("JSON", reply.Str("detail"), StringComparison.Ordinal);
        }
    }
}

public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task AFileThatIsNotADatabase_Is503_WithoutItsInternals()
    {
        var directory = Path.Combine(Path.GetTempPath(), "itsm-webapi-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "not-a-database.db");
        await File.WriteAllTextAsync(file, new string('x', 4096));
        var app = WebApiApp.Build(["--Logging:LogLevel:Default=None"], file);
        try
        {
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = app.BoundAddress() };

            var reply = await client.Get($"/tenants/{Api.NewTenant()}/incidents");

            Assert.Equal(503, reply.Status);
            Assert.Equal("application/problem+json", reply.MediaType);
            Assert.Equal("ITSM-PERSIST-STORE-001", reply.Str("code"));
            Assert.Equal("30", reply.Headers["Retry-After"]);
            Assert.DoesNotContain(directory, reply.Text, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
