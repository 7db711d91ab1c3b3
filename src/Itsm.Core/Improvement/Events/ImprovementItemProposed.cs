using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An improvement item was proposed (registered) in state Proposed, to move one KPI from a baseline to a target.</summary>
/// <remarks>Audit entry: command <c>Propose</c>; data keys <c>title</c>, <c>kpi</c>, <c>direction</c>, <c>baseline</c>, <c>target</c> (a null value is left out).</remarks>
/// <param name="Title">What is to be improved.</param>
/// <param name="Kpi">The name of the KPI it aims to move.</param>
/// <param name="Direction">Which way the KPI gets better.</param>
/// <param name="Baseline">The KPI's value before the improvement.</param>
/// <param name="Target">The KPI's value aimed for.</param>

public sealed record ImprovementItemProposed(string Title, string Kpi, KpiDirection Direction, decimal Baseline, decimal Target) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Propose";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("kpi", Kpi), ("direction", Direction.ToString()), ("baseline", Baseline.ToString(CultureInfo.InvariantCulture)), ("target", Target.ToString(CultureInfo.InvariantCulture)));

    internal static ImprovementItemProposed? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemProposed(r.Required("title"), r.Required("kpi"), r.Enum<KpiDirection>("direction"), r.Decimal("baseline"), r.Decimal("target"));
        return r.Ok ? read : null;
    }
}
