using Itsm.Common;

namespace Itsm.Sla;

/// <summary>The idempotency fingerprint arguments of the <c>SlaThreshold</c> commands.</summary>
internal static class SlaThresholdArguments
{
    internal static void Write(CommandArguments arguments, SlaThresholdReached? threshold)
    {
        if (threshold is null)
        {
            arguments.Add((string?)null);
            return;
        }

        arguments.Add(threshold.AgreementId).Add(threshold.Metric.Name).Add(threshold.PercentText).Add(threshold.Kind.ToString())
            .Add(NodaTime.Text.InstantPattern.ExtendedIso.Format(threshold.DueAt));
    }
}
