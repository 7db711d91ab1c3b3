using Itsm.Common;

namespace Itsm.Sla;

/// <summary>The rule of the <c>SlaThreshold</c> command: a ticket records its thresholds once each, in order.</summary>
internal static class SlaThresholdRule
{
    internal static void Check(SlaThresholdReached? last, SlaThresholdReached next)
    {
        if (last is not null && SlaThresholdReached.Order(next, last) <= 0)
        {
            throw new DomainRuleViolationException(
                "ITSM-SLA-THRESHOLD-001",
                $"The {next.Kind} threshold {next.PercentText}% of agreement {next.AgreementId} ({next.Metric}) due at {next.DueAt} is not after the last threshold recorded ({last.PercentText}% of {last.AgreementId} ({last.Metric}) due at {last.DueAt}): it is already recorded.");
        }
    }
}
