using System.Diagnostics.Metrics;

namespace Itsm.Diagnostics;

/// <summary>How the packages create their duration histograms: in seconds, with bucket advice where the runtime takes it.</summary>
internal static class TelemetryAdvice
{
    /// <summary>
    /// A histogram of durations in seconds. On .NET 9 and later it carries bucket boundaries from 1 ms to 10 s,
    /// as OpenTelemetry's semantic conventions advise for durations in seconds (the SDK's default buckets are
    /// meant for milliseconds); on .NET 8, which takes no advice, a host sets them with a view.
    /// </summary>
    internal static Histogram<double> DurationHistogram(Meter meter, string name, string description) =>
#if NET9_0_OR_GREATER
        meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        });
#else
        meter.CreateHistogram<double>(name, "s", description);
#endif
}
