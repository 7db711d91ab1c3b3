namespace Itsm.Changes;

/// <summary>The risk of a change, as a <see cref="RiskPolicy"/> assesses it. Ordered: a higher value is a higher risk.</summary>
public enum ChangeRisk
{
    /// <summary>Low risk.</summary>
    Low = 0,

    /// <summary>Moderate risk.</summary>
    Moderate = 1,

    /// <summary>High risk.</summary>
    High = 2,
}
