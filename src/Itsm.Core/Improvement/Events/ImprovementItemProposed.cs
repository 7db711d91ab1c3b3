using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An improvement item was proposed (registered) in state Proposed, to move one KPI from a baseline to a target.</summary>
/// <remarks>Audit entry: command <c>Propose</c>; data keys <c>title</c>, <c>kpi</c>, <c>direction</c>, <c>baseline</c>, <c>target</c>, <c>principles</c> (the cited principles' names joined with a comma and a space; left out when none).</remarks>
/// <param name="Title">What is to be improved.</param>
/// <param name="Kpi">The name of the KPI it aims to move.</param>
/// <param name="Direction">Which way the KPI gets better.</param>
/// <param name="Baseline">The KPI's value before the improvement.</param>
/// <param name="Target">The KPI's value aimed for.</param>

public sealed record ImprovementItemProposed(string Title, string Kpi, KpiDirection Direction, decimal Baseline, decimal Target) : DomainEvent
{
    /// <summary>The guiding principles the item cites, in ITIL's order; empty for none.</summary>
    public IReadOnlyList<Governance.GuidingPrinciple> Principles { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(ImprovementItemProposed? other) =>
        other is not null && Title == other.Title && Kpi == other.Kpi && Direction == other.Direction && Baseline == other.Baseline && Target == other.Target
        && System.Linq.Enumerable.SequenceEqual(Principles, other.Principles);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Title, Kpi, Direction, Baseline, Target, Principles.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Propose";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("kpi", Kpi), ("direction", Direction.ToString()), ("baseline", Baseline.ToString(CultureInfo.InvariantCulture)), ("target", Target.ToString(CultureInfo.InvariantCulture)), ("principles", Principles.Count == 0 ? null : Governance.GuidingPrinciples.AuditText(Principles)));

    internal static ImprovementItemProposed? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemProposed(r.Required("title"), r.Required("kpi"), r.Enum<KpiDirection>("direction"), r.Decimal("baseline"), r.Decimal("target"));
        var principles = Governance.GuidingPrinciples.FromAuditText(r.Optional("principles") ?? string.Empty);
        return r.Ok && principles is not null ? read with { Principles = principles } : null;
    }
}
