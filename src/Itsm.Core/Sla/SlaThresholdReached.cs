using System;
using System.Collections.Generic;
using System.Globalization;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// An SLA clock of a ticket crossed a threshold (a warning, its target, or an escalation step after
/// the breach): the event of the <c>SlaThreshold</c> command the SLA worker records on incidents and
/// service requests (<see cref="Itsm.Incidents.RecordIncidentSlaThreshold"/>,
/// <see cref="Itsm.Requests.RecordServiceRequestSlaThreshold"/>). The ticket's state does not change.
/// </summary>
/// <remarks>
/// <para>Audit entry: command <c>SlaThreshold</c>; data keys <c>agreement</c>, <c>metric</c>,
/// <c>percent</c> (invariant culture, round-trip), <c>kind</c> (<c>Warning</c>, <c>Breach</c> or
/// <c>Escalation</c>) and <c>dueAt</c> (ISO instant). The entry's own instant is when it was recorded;
/// <see cref="DueAt"/> is when the clock crossed the threshold, so the difference is the lateness.</para>
/// <para>Thresholds of one ticket are ordered by <see cref="DueAt"/>, then agreement id (ordinal),
/// metric name (ordinal) and percent; a ticket records them in that order, each once (see
/// <see cref="Itsm.Incidents.Incident.LastSlaThreshold"/>).</para>
/// </remarks>
/// <param name="AgreementId">The agreement whose target the clock measures.</param>
/// <param name="Metric">The target's metric.</param>
/// <param name="ThresholdPercent">The threshold, in percent of the target in force (100 for the breach).</param>
/// <param name="Kind">Warning (below 100), breach (100) or escalation (above 100).</param>
/// <param name="DueAt">The instant the clock's business elapsed time reached the threshold.</param>
public sealed record SlaThresholdReached(string AgreementId, SlaMetric Metric, double ThresholdPercent, SlaThresholdKind Kind, Instant DueAt) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "SlaThreshold";

    /// <summary>Orders thresholds: due instant, agreement id, metric name (both ordinal), percent.</summary>
    internal static readonly Comparison<SlaThresholdReached> Order = static (a, b) =>
    {
        int c = a.DueAt.CompareTo(b.DueAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.AgreementId, b.AgreementId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Metric.Name, b.Metric.Name);
        }

        return c != 0 ? c : a.ThresholdPercent.CompareTo(b.ThresholdPercent);
    };

    /// <summary>The kind of a threshold of <paramref name="percent"/> percent.</summary>
    /// <param name="percent">The threshold in percent of the target.</param>
    /// <returns><see cref="SlaThresholdKind.Warning"/> below 100, <see cref="SlaThresholdKind.Breach"/> at 100, <see cref="SlaThresholdKind.Escalation"/> above.</returns>
    public static SlaThresholdKind KindOf(double percent) =>
        percent < 100.0 ? SlaThresholdKind.Warning : percent == 100.0 ? SlaThresholdKind.Breach : SlaThresholdKind.Escalation;

    internal override string Command => CommandName;

    internal string PercentText => ThresholdPercent.ToString("R", CultureInfo.InvariantCulture);

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(
        ("agreement", AgreementId),
        ("metric", Metric.Name),
        ("percent", PercentText),
        ("kind", Kind.ToString()),
        ("dueAt", NodaTime.Text.InstantPattern.ExtendedIso.Format(DueAt)));

    /// <summary>Checks a threshold given to a command.</summary>
    internal void Check(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(AgreementId) || string.IsNullOrWhiteSpace(Metric.Name))
        {
            throw new ArgumentException("The threshold needs an agreement id and a metric.", parameterName);
        }

        if (!double.IsFinite(ThresholdPercent) || ThresholdPercent <= 0 || KindOf(ThresholdPercent) != Kind)
        {
            throw new ArgumentException($"The threshold percent ({PercentText}) must be positive and finite, and its kind ({Kind}) must match it (Warning below 100, Breach at 100, Escalation above).", parameterName);
        }
    }

    internal static SlaThresholdReached? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var agreement = r.Required("agreement");
        var metric = r.Required("metric");
        var percentText = r.Required("percent");
        var kind = r.Enum<SlaThresholdKind>("kind");
        var dueText = r.Required("dueAt");
        if (!r.Ok || string.IsNullOrWhiteSpace(metric)
            || !double.TryParse(percentText, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            || NodaTime.Text.InstantPattern.ExtendedIso.Parse(dueText) is not { Success: true } due)
        {
            return null;
        }

        return new SlaThresholdReached(agreement, new SlaMetric(metric), percent, kind, due.Value);
    }
}
