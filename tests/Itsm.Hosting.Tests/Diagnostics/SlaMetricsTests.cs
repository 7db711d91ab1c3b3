using System.Linq;
using System.Threading.Tasks;
using Itsm.Tests.Telemetry;
using Xunit;
using static Itsm.Hosting.Tests.SlaWorld;

namespace Itsm.Hosting.Tests.Diagnostics;

/// <summary>The SLA worker counts the warnings, breaches and escalations it records (docs/observability.md).</summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlaMetricsTests
{
    [Fact]
    public async Task Each_threshold_the_worker_records_is_counted_once_by_kind_with_record_type_agreement_and_metric()
    {
        var world = new SlaWorld();
        await world.OpenAsync();
        var worker = world.NewWorker();
        using var capture = new TelemetryCapture(activities: false);

        foreach (var (_, _, after) in Thresholds)
        {
            world.Clock.Reset(Start + after);
            await worker.RunOnceAsync();
            await worker.RunOnceAsync();
        }

        var counted = capture.Measurements.Where(m => m.Instrument.StartsWith("itsm.sla.", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["itsm.sla.warnings {warning}", "itsm.sla.warnings {warning}", "itsm.sla.breaches {breach}", "itsm.sla.escalations {escalation}"],
            counted.Select(m => m.Instrument + " " + m.Unit));
        Assert.All(counted, m => Assert.Equal(1d, m.Value));
        Assert.All(counted, m => Assert.Equal(
            ["itsm.record_type=Incident", "itsm.sla.agreement=sla-gold", "itsm.sla.metric=Resolution"],
            m.Tags.OrderBy(t => t.Key, System.StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
    }

    [Fact]
    public async Task A_look_that_records_nothing_counts_nothing()
    {
        var world = new SlaWorld();
        await world.OpenAsync();
        using var capture = new TelemetryCapture(activities: false);

        await world.NewWorker().RunOnceAsync();

        Assert.DoesNotContain(capture.Measurements, m => m.Instrument.StartsWith("itsm.sla.", System.StringComparison.Ordinal));
    }
}
