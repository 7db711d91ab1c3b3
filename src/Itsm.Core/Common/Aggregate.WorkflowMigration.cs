using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Workflows;

namespace Itsm.Common;

// Migrating a record to another workflow version: to a later version of its own workflow (the records' public
// MigrateWorkflow), or to the workflow its tenant's catalog holds now (the typed MigrateIncidentWorkflow and its
// siblings, and ItsmEngine.MigrateWorkflowsAsync), so the engine never trusts a caller's workflow object: the
// target is always the one the engine's configuration names.
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
    /// from another workflow of its lifecycle the catalog still holds (retained, or shared while the tenant has its own),
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

        // The record loaded, so the catalog holds its workflow for its tenant: the move to another workflow id is the
        // host's configured one, not a caller's choice.
        MigrateWorkflowTo(actor, target!, acrossWorkflows: true);
    }

    /// <summary>
    /// Moves the record to <paramref name="target"/>, a later version of its workflow (or, for a record without one, any
    /// workflow of its lifecycle): its custom state follows the versions' mappings, is kept by name, or becomes the entry
    /// state of its library state. Permitted in every state; recorded as a <see cref="WorkflowMigrated"/> entry.
    /// </summary>
    private protected void MigrateWorkflowCore(Actor actor, Workflow<TState, TCommand> target) => MigrateWorkflowTo(actor, target, acrossWorkflows: false);

    /// <summary>Moves the record to <paramref name="target"/> and records the <see cref="WorkflowMigrated"/> entry, or refuses with the migration code.</summary>
    /// <param name="actor">Who migrates.</param>
    /// <param name="target">The workflow version the record runs from now on.</param>
    /// <param name="acrossWorkflows">Whether <paramref name="target"/> may be another workflow than a later version of the record's
    /// (only the catalog's own, which the engine resolved): then a custom state of the same name inside the record's library
    /// state is kept, else the record enters that library state's entry state.</param>
    private void MigrateWorkflowTo(Actor actor, Workflow<TState, TCommand> target, bool acrossWorkflows)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(target);
        CheckLifecycle(target, nameof(target));
        var current = _workflow;
        var fromState = current?.Table.Names[_workflowState];
        string toState;
        string? fromWorkflowId = null;
        if (current is null || IsLaterVersion(target, current))
        {
            toState = target.MigrateFrom(current, fromState, State);
        }
        else if (acrossWorkflows)
        {
            toState = target.IndexOf(fromState!) is { } kept && EqualityComparer<TState>.Default.Equals(target.Table.Parents[kept], State)
                ? fromState!
                : target.EntryStateOf(State);
            fromWorkflowId = string.Equals(current.Id, target.Id, StringComparison.Ordinal) ? null : current.Id;
        }
        else
        {
            throw new DomainRuleViolationException(
                Itsm.Workflows.Workflow.MigrationCode,
                $"The {_recordType} runs {current}; it migrates only to a later version of that workflow that replaces it, not to {target}.");
        }

        var at = Clock.GetCurrentInstant();
        _workflow = target;
        _workflowPermitted = null;
        _workflowState = target.Table.Index[toState];
        OnCommandApplied(at);
        Record(actor, State, at, new WorkflowMigrated(target.Id, current?.Version, target.Version, fromState, toState, fromWorkflowId), -1);
    }

    private static bool IsLaterVersion(Workflow<TState, TCommand> target, Workflow<TState, TCommand> current) =>
        string.Equals(current.Id, target.Id, StringComparison.Ordinal)
        && target.Version > current.Version
        && ReferenceEquals(target.VersionOf(current.Version), current);
}
