namespace Itsm.Services;

/// <summary>
/// How critical a service is to the business, ServiceNow's business criticality on its four levels
/// (<c>1 - most critical</c> is <see cref="MostCritical"/>, <c>4 - not critical</c> is <see cref="NotCritical"/>).
/// Ordered: a higher value is more critical. Change risk counts the critical services a change impacts
/// (see <see cref="Itsm.Changes.RiskPolicy"/>).
/// </summary>
public enum BusinessCriticality
{
    /// <summary>Not critical (ServiceNow's <c>4 - not critical</c>); the default.</summary>
    NotCritical = 0,

    /// <summary>Less critical (<c>3 - less critical</c>).</summary>
    LessCritical = 1,

    /// <summary>Somewhat critical (<c>2 - somewhat critical</c>): a change that impacts it is at least Moderate risk.</summary>
    SomewhatCritical = 2,

    /// <summary>Most critical (<c>1 - most critical</c>): a change that impacts it is High risk.</summary>
    MostCritical = 3,
}
