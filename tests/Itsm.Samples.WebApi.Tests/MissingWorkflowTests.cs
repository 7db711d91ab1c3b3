using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>
/// A record under a workflow the server's catalog does not hold (docs/workflow-versions.md) answers like any unreadable
/// record: 500 with the corrupt-record code and a fixed detail, quoting nothing stored, however long the workflow id.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MissingWorkflowTests(ApiFixture api)
{
    [Fact]
    public async Task ARecordUnderAWorkflowTheCatalogDoesNotHold_Is500_WithABoundedDetail()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(api.Client, tenant);
        var workflowId = "vendor-incident-" + new string('w', 5000);
        using (var connection = new SqliteConnection($"Data Source={api.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE records SET state = json_set(state, '$.workflow', json_object('id', $id, 'version', 1, 'state', 'New')) WHERE tenant = $tenant";
            update.Parameters.AddWithValue("$id", workflowId);
            update.Parameters.AddWithValue("$tenant", tenant);
            Assert.Equal(1, update.ExecuteNonQuery());

            // The state stays valid JSON: the workflow it names is all that is wrong with it.
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT json_valid(state) AND json_extract(state, '$.workflow.version') = 1 FROM records WHERE tenant = $tenant";
            check.Parameters.AddWithValue("$tenant", tenant);
            Assert.Equal(1L, check.ExecuteScalar());
        }

        var get = await api.Client.Get(path);

        Assert.Equal(500, get.Status);
        Assert.Equal("ITSM-PERSIST-CORRUPT-001", get.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(get.Str("traceId")));
        Assert.DoesNotContain("vendor-incident", get.Text, StringComparison.Ordinal);
        Assert.True(get.Text.Length < 1000, get.Text);
    }
}
