namespace Itsm.Common;

/// <summary>How quickly the business needs a resolution (ServiceNow's 1 High, 2 Medium, 3 Low).</summary>
public enum Urgency
{
    /// <summary>1 - High: work has stopped.</summary>
    High = 1,

    /// <summary>2 - Medium.</summary>
    Medium = 2,

    /// <summary>3 - Low: it can wait.</summary>
    Low = 3,
}
