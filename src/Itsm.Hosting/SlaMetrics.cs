using System.Diagnostics;
using System.Diagnostics.Metrics;
using Itsm.Diagnostics;
using Itsm.Sla;

namespace Itsm.Hosting;

/// <summary>
/// The SLA worker's counters on the meter <see cref="ItsmTelemetry.HostingName"/>: <c>itsm.sla.warnings</c>,
/// <c>itsm.sla.breaches</c> and <c>itsm.sla.escalations</c>, one per threshold the worker records, tagged with
/// the record type, the agreement and the metric (never the tenant or the ticket).
/// </summary>
internal static class SlaMetrics
{
    internal const string Warnings = "itsm.sla.warnings";
    internal const string Breaches = "itsm.sla.breaches";
    internal const string Escalations = "itsm.sla.escalations";

    internal const string RecordTypeTag = "itsm.record_type";
    internal const string AgreementTag = "itsm.sla.agreement";
    internal const string MetricTag = "itsm.sla.metric";

    private static readonly Meter Meter = new(ItsmTelemetry.HostingName, typeof(SlaMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> WarningCounter = Meter.CreateCounter<long>(
        Warnings, "{warning}", "SLA warning thresholds (below 100 % of a target) the SLA worker recorded on tickets.");

    private static readonly Counter<long> BreachCounter = Meter.CreateCounter<long>(
        Breaches, "{breach}", "SLA targets the SLA worker recorded as breached (100 % of the target).");

    private static readonly Counter<long> EscalationCounter = Meter.CreateCounter<long>(
        Escalations, "{escalation}", "SLA escalation thresholds (above 100 % of a target) the SLA worker recorded on tickets.");

    /// <summary>Counts a threshold the worker recorded on a ticket of <paramref name="recordType"/>.</summary>
    internal static void Recorded(string recordType, SlaThresholdReached threshold)
    {
        var counter = threshold.Kind switch
        {
            SlaThresholdKind.Warning => WarningCounter,
            SlaThresholdKind.Breach => BreachCounter,
            _ => EscalationCounter,
        };
        if (counter.Enabled)
        {
            counter.Add(1, new TagList
            {
                { RecordTypeTag, recordType },
                { AgreementTag, threshold.AgreementId },
                { MetricTag, threshold.Metric.Name },
            });
        }
    }
}
