namespace Itsm.Common;

/// <summary>How widely an incident affects the business (ServiceNow's 1 High, 2 Medium, 3 Low).</summary>
public enum Impact
{
    /// <summary>1 - High: many users or a critical service.</summary>
    High = 1,

    /// <summary>2 - Medium.</summary>
    Medium = 2,

    /// <summary>3 - Low: one user or a minor service.</summary>
    Low = 3,
}
