using System;
using Ardalis.GuardClauses;
using Itsm.Workflows;

namespace Itsm.Common;

// Migrating a record to the workflow its tenant's catalog holds now (the typed MigrateIncidentWorkflow and
// MigrateChangeWorkflow commands, and ItsmEngine.MigrateWorkflowsAsync), so the engine never trusts a caller's
// workflow object: the target is always the one the engine's configuration names.
public abstract partial class Aggregate<TId, TState, TCommand>
{
    /// <summary>
    /// The current workflow of the record's tenant and lifecycle in the engine's catalog (<c>ItsmEngineOptions.Workflows</c>),
    /// as the engine's codec found it when it created or loaded the record; <see langword="null"/> outside an engine or
    /// when the catalog has none. Configuration, never stored.
    /// </summary>
    internal Workflow<TState, TCommand>? CatalogWorkflow { get; set; }

    /// <summary>What migrating to <see cref="CatalogWorkflow"/> would do now, without doing it.</summary>
    /// <param name="adopt">Whether a record without a workflow adopts the catalog's.</param>
    internal WorkflowMigrationStep CatalogMigrationStep(bool adopt)
    {
        var target = CatalogWorkflow;
        if (target is null)
        {
            return WorkflowMigrationStep.NoCatalogWorkflow;
        }

        if (_workflow is not { } current)
        {
            return adopt ? WorkflowMigrationStep.Adopt : WorkflowMigrationStep.WithoutWorkflow;
        }

        if (string.Equals(current.Id, target.Id, StringComparison.Ordinal) && current.Version >= target.Version)
        {
            return WorkflowMigrationStep.AlreadyCurrent;
        }

        return WorkflowMigrationStep.Migrate;
    }

    /// <summary>
    /// Migrates the record to <see cref="CatalogWorkflow"/>, the workflow its tenant runs now: from an older version of it,
    /// or (with <paramref name="adopt"/>) from none. Every refusal is a <see cref="DomainRuleViolationException"/> with
    /// <see cref="Itsm.Workflows.Workflow.MigrationCode"/>, and changes nothing.
    /// </summary>
    internal void MigrateToCatalogWorkflow(Actor actor, bool adopt)
    {
        Guard.Against.Null(actor);
        var target = CatalogWorkflow;
        var refusal = CatalogMigrationStep(adopt) switch
        {
            WorkflowMigrationStep.NoCatalogWorkflow => $"The {_recordType}'s tenant has no {WorkflowLifecycle} workflow in the engine's catalog, so there is nothing to migrate to.",
            WorkflowMigrationStep.WithoutWorkflow => $"The {_recordType} runs no workflow; it adopts {target} only when asked to (adopt).",
            WorkflowMigrationStep.AlreadyCurrent => $"The {_recordType} already runs {_workflow}, its tenant's current workflow.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new DomainRuleViolationException(Itsm.Workflows.Workflow.MigrationCode, refusal);
        }

        // A record under another workflow id cannot load under this catalog, but MigrateWorkflowCore refuses it anyway.
        MigrateWorkflowCore(actor, target!);
    }
}
