using System.Threading.Tasks;
using Itsm.Diagnostics;
using Itsm.Persistence;
using Itsm.Tests.Telemetry;

namespace Itsm.Core.Tests.Diagnostics;

/// <summary>The engine's and the in-memory store's activities and instruments (docs/observability.md).</summary>
[Collection(TelemetryCollection.Name)]
public sealed class CommandTelemetryTests
{
    [Fact]
    public Task Commands_and_reads_on_the_in_memory_store_emit_the_documented_activities_and_instruments() =>
        CommandTelemetryScenario.RunAsync(new InMemoryAggregateStore(), "memory");

    [Fact]
    public Task The_tenant_is_on_command_activities_only_when_the_engine_is_told_to() =>
        CommandTelemetryScenario.TenantOptInAsync(new InMemoryAggregateStore());

    [Fact]
    public void Without_a_listener_nothing_is_instrumented()
    {
        // The collection runs alone, so no other test's listener is attached here.
        Assert.False(EngineTelemetry.IsEnabled);
        Assert.False(StoreTelemetry.IsEnabled);

        using (new TelemetryCapture(activities: false))
        {
            Assert.True(EngineTelemetry.IsEnabled);
            Assert.True(StoreTelemetry.IsEnabled);
        }

        using (new TelemetryCapture(metrics: false))
        {
            Assert.True(EngineTelemetry.IsEnabled);
            Assert.True(StoreTelemetry.IsEnabled);
        }

        Assert.False(EngineTelemetry.IsEnabled);
    }
}
