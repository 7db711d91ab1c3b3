using Itsm.Common;

namespace Itsm.Changes;

/// <summary>
/// Migrates a change to the workflow of its type's lifecycle (<c>Change.Normal</c>, <c>Change.Standard</c>,
/// <c>Change.Emergency</c>) that its tenant runs now, as the engine's catalog holds it (<c>ItsmEngineOptions.Workflows</c>):
/// from an older version of that workflow, its custom state mapped by the versions' migrations
/// (docs/workflow-versions.md); from another workflow of its lifecycle the catalog still holds for the tenant (retained,
/// <see cref="Itsm.Workflows.WorkflowCatalog.Retaining(Itsm.Workflows.Workflow)"/>), keeping a custom state of the same name
/// inside its library state, else entering that state's entry state; or, with <see cref="Adopt"/>, from no workflow at all. The library state is unchanged;
/// permitted in every state, Closed and Canceled included.
/// </summary>
/// <remarks>
/// <para>Its audit entry's command is <c>MigrateWorkflow</c> (event <see cref="Itsm.Workflows.WorkflowMigrated"/>). The
/// target is never taken from the caller, so an idempotency key fingerprints only <see cref="Adopt"/>.</para>
/// <para>Refused, with <see cref="Itsm.Common.DomainRuleViolationException"/> code
/// <see cref="Itsm.Workflows.Workflow.MigrationCode"/> and nothing written, when the tenant has no workflow for the
/// change's type, when the change already runs its current version, and when it runs no workflow and
/// <see cref="Adopt"/> is false.</para>
/// </remarks>
/// <param name="Adopt">Whether a change that runs no workflow starts running the tenant's (in the entry state of its library state); false by default.</param>
public sealed record MigrateChangeWorkflow(bool Adopt = false) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "MigrateWorkflow";

    internal override void Run(Change record, Actor actor) => record.MigrateToCatalogWorkflow(actor, Adopt);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Adopt);
}
