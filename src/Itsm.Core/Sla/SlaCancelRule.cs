namespace Itsm.Sla;

/// <summary>When an active clock is cancelled (ServiceNow's "When to cancel").</summary>
public enum SlaCancelRule
{
    /// <summary>
    /// When the cancel condition holds (ServiceNow's "Cancel conditions are met"): the start
    /// condition has to hold only once. The default of the <see cref="SlaProfile.Itsm"/> and
    /// <see cref="SlaProfile.JiraServiceManagement"/> profiles.
    /// </summary>
    CancelConditionMet = 0,

    /// <summary>
    /// When the start condition (with the agreement's scope and a target for the current priority)
    /// no longer holds, or the cancel condition holds (ServiceNow's "Start conditions are not met",
    /// its default and the <see cref="SlaProfile.ServiceNow"/> profile's). A pause condition outside
    /// the start condition then cancels instead of pausing, as ServiceNow documents.
    /// </summary>
    StartConditionNotMet = 1,

    /// <summary>Never (ServiceNow's "Never"): only stop ends the clock.</summary>
    Never = 2,
}
