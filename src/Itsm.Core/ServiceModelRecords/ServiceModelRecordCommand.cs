namespace Itsm.ServiceModelRecords;

/// <summary>The commands (Stateless triggers) a stored service model accepts; each is also its audit entry's command name.</summary>
public enum ServiceModelRecordCommand
{
    /// <summary>Add a service.</summary>
    AddService = 0,

    /// <summary>Replace a service (its status is kept).</summary>
    UpdateService = 1,

    /// <summary>Remove a service.</summary>
    RemoveService = 2,

    /// <summary>Put a Pipeline service Live (it must pass its readiness check).</summary>
    GoLiveService = 3,

    /// <summary>Retire a Pipeline or Live service.</summary>
    RetireService = 4,

    /// <summary>Add a service offering.</summary>
    AddServiceOffering = 5,

    /// <summary>Replace a service offering.</summary>
    UpdateServiceOffering = 6,

    /// <summary>Remove a service offering.</summary>
    RemoveServiceOffering = 7,

    /// <summary>Add a configuration item (with its relationships).</summary>
    AddConfigurationItem = 8,

    /// <summary>Replace a configuration item (with its relationships).</summary>
    UpdateConfigurationItem = 9,

    /// <summary>Remove a configuration item.</summary>
    RemoveConfigurationItem = 10,

    /// <summary>Add a relationship from one configuration item to another.</summary>
    AddRelationship = 11,

    /// <summary>Remove a relationship.</summary>
    RemoveRelationship = 12,

    /// <summary>Add a supplier or partner.</summary>
    AddSupplier = 13,

    /// <summary>Replace a supplier or partner.</summary>
    UpdateSupplier = 14,

    /// <summary>Remove a supplier or partner.</summary>
    RemoveSupplier = 15,

    /// <summary>Add a support group.</summary>
    AddSupportGroup = 16,

    /// <summary>Replace a support group.</summary>
    UpdateSupportGroup = 17,

    /// <summary>Remove a support group.</summary>
    RemoveSupportGroup = 18,

    /// <summary>Replace the whole model (an import).</summary>
    Replace = 19,
}
