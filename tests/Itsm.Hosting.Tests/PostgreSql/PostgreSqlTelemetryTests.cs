using System.Threading.Tasks;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.PostgreSql.Tests;
using Itsm.Tests.Telemetry;
using Xunit;

namespace Itsm.Hosting.Tests.PostgreSql;

/// <summary>The PostgreSQL store's activities and instruments under the engine's (docs/observability.md); this project already runs a server.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PostgreSqlTelemetryTests
{
    [Fact]
    public async Task Commands_and_reads_on_PostgreSQL_emit_the_documented_activities_and_instruments_with_db_system_postgresql()
    {
        var schema = PostgresServer.NewSchema();
        try
        {
            await using var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
            await CommandTelemetryScenario.RunAsync(store, "postgresql");
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }
}
