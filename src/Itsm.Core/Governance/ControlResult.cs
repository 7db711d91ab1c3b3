using System.Collections.Generic;

namespace Itsm.Governance;

/// <summary>How one control fared over the period: the records it applied to and the cases where it did not hold.</summary>
public sealed class ControlResult
{
    internal ControlResult(ControlDefinition control, IReadOnlyList<ControlSubject> population, IReadOnlyList<ControlDeviation> deviations)
    {
        Control = control;
        Population = population;
        Deviations = deviations;
    }

    /// <summary>The control.</summary>
    public ControlDefinition Control { get; }

    /// <summary>The records the control applied to in the period (docs/governance.md defines each kind's), each once, ordered by record type and id (ordinal).</summary>
    public IReadOnlyList<ControlSubject> Population { get; }

    /// <summary>The cases where the control did not hold (the auditor's exceptions), ordered by <see cref="ControlDeviation.At"/>, then record type and id; every one concerns a member of <see cref="Population"/>.</summary>
    public IReadOnlyList<ControlDeviation> Deviations { get; }

    /// <summary>Whether the control held: no deviation in the period. A control with an empty population holds.</summary>
    public bool Held => Deviations.Count == 0;
}
