using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>
/// Migrates an incident to the incident workflow its tenant runs now, as the engine's catalog holds it
/// (<c>ItsmEngineOptions.Workflows</c>): from an older version of that workflow, its custom state mapped by the
/// versions' migrations (docs/workflow-versions.md); from another workflow of its lifecycle the catalog
/// still holds for the tenant (retained, <see cref="Itsm.Workflows.WorkflowCatalog.Retaining(Itsm.Workflows.Workflow)"/>), keeping a
/// custom state of the same name inside its library state, else entering that state's entry state; or, with <see cref="Adopt"/>, from no workflow at all. The
/// library state is unchanged; permitted in every state, Closed and Canceled included.
/// </summary>
/// <remarks>
/// <para>Its audit entry's command is <c>MigrateWorkflow</c> (event <see cref="Itsm.Workflows.WorkflowMigrated"/>). The
/// target is never taken from the caller: the same command migrates to whatever the catalog holds when it runs, so
/// an idempotency key fingerprints only <see cref="Adopt"/>.</para>
/// <para>Refused, with <see cref="Itsm.Common.DomainRuleViolationException"/> code
/// <see cref="Itsm.Workflows.Workflow.MigrationCode"/> and nothing written, when the tenant has no incident workflow,
/// when the incident already runs its current version, and when it runs no workflow and <see cref="Adopt"/> is false.</para>
/// </remarks>
/// <param name="Adopt">Whether an incident that runs no workflow starts running the tenant's (in the entry state of its library state); false by default, so records created before the tenant had a workflow keep the library lifecycle alone until asked.</param>
public sealed record MigrateIncidentWorkflow(bool Adopt = false) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "MigrateWorkflow";

    internal override void Run(Incident record, Actor actor) => record.MigrateToCatalogWorkflow(actor, Adopt);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Adopt);
}
