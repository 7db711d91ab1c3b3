namespace Itsm.Sla;

/// <summary>What a crossed SLA threshold means, by its percent of the target.</summary>
public enum SlaThresholdKind
{
    /// <summary>A warning threshold below 100 % of the target (by default 50 % and 75 %).</summary>
    Warning = 0,

    /// <summary>The target itself (100 %): the clock breached.</summary>
    Breach = 1,

    /// <summary>A threshold above 100 %: an escalation step after the breach.</summary>
    Escalation = 2,
}
