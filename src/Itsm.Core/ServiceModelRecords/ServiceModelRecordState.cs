namespace Itsm.ServiceModelRecords;

/// <summary>The states of a stored service model: it is always active once created (the services in it have their own lifecycle).</summary>
public enum ServiceModelRecordState
{
    /// <summary>Created and editable.</summary>
    Active = 0,
}
