namespace Itsm.Changes;

/// <summary>The three types of change ITIL's change enablement (and ServiceNow) distinguish.</summary>
public enum ChangeType
{
    /// <summary>A pre-authorised, low-risk change from a template.</summary>
    Standard = 0,

    /// <summary>A change assessed and authorised by its change authority.</summary>
    Normal = 1,

    /// <summary>A change that must be made as soon as possible; it may pass a blackout (audited).</summary>
    Emergency = 2,
}
