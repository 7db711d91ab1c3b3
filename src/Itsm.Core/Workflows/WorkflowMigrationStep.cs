namespace Itsm.Workflows;

/// <summary>What migrating one record to its tenant's current workflow does (the engine's decision before it runs the command).</summary>
internal enum WorkflowMigrationStep
{
    /// <summary>The record runs an older version of the catalog's workflow: it migrates.</summary>
    Migrate,

    /// <summary>The record runs no workflow and adoption was asked for: it starts running the catalog's.</summary>
    Adopt,

    /// <summary>The record already runs the catalog's current version.</summary>
    AlreadyCurrent,

    /// <summary>The record runs no workflow and adoption was not asked for: it stays without.</summary>
    WithoutWorkflow,

    /// <summary>The catalog has no workflow for the record's tenant and lifecycle.</summary>
    NoCatalogWorkflow,
}
