using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An improvement item was completed with the KPI's measured value; terminal.</summary>
/// <remarks>Audit entry: command <c>Complete</c>; data keys <c>measuredEffect</c>, <c>targetReached</c> (a null value is left out).</remarks>
/// <param name="MeasuredEffect">The KPI's value measured after completion.</param>
/// <param name="TargetReached">Whether the measured value reached the target.</param>

public sealed record ImprovementItemCompleted(decimal MeasuredEffect, bool TargetReached) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Complete";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("measuredEffect", MeasuredEffect.ToString(CultureInfo.InvariantCulture)), ("targetReached", TargetReached ? "true" : "false"));

    internal static ImprovementItemCompleted? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemCompleted(r.Decimal("measuredEffect"), r.Boolean("targetReached"));
        return r.Ok ? read : null;
    }
}
