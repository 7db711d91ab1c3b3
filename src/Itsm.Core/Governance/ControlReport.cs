using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Governance;

/// <summary>The evidence for a set of controls over one period of one tenant, as <see cref="ControlEvaluator.Evaluate"/> returns it.</summary>
public sealed class ControlReport
{
    internal ControlReport(TenantId tenant, Interval period, IReadOnlyList<ControlResult> results, IReadOnlyList<ControlWarning> warnings)
    {
        Tenant = tenant;
        Period = period;
        Results = results;
        Warnings = warnings;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The period, <c>[Start, End)</c>.</summary>
    public Interval Period { get; }

    /// <summary>One result per control, in the order the controls were given.</summary>
    public IReadOnlyList<ControlResult> Results { get; }

    /// <summary>What the results leave out (skipped entries, by <see cref="ControlWarning.Code"/>); empty when every entry given was used.</summary>
    public IReadOnlyList<ControlWarning> Warnings { get; }

    /// <summary>Whether every control held.</summary>
    public bool AllHeld => Results.All(r => r.Held);
}
