using System.Collections.Generic;

namespace Itsm.Engine;

/// <summary>What <see cref="ItsmEngine.MigrateWorkflowsAsync"/> did to a tenant's records of one lifecycle.</summary>
/// <param name="Lifecycle">The lifecycle migrated, for example <c>Incident</c> or <c>Change.Normal</c>.</param>
/// <param name="Target">The tenant's current workflow of the lifecycle, which records were migrated to; <see langword="null"/> when the catalog has none (then nothing was examined).</param>
/// <param name="Migrated">Records that ran an older version (or a retained workflow) and now run <paramref name="Target"/>, each with its own <c>MigrateWorkflow</c> audit entry.</param>
/// <param name="Adopted">Records that ran no workflow and now run <paramref name="Target"/> (only when adoption was asked for), each with its own <c>MigrateWorkflow</c> audit entry.</param>
/// <param name="AlreadyCurrent">Records that already ran <paramref name="Target"/>: left untouched, so a second run migrates nothing twice.</param>
/// <param name="WithoutWorkflow">Records that run no workflow and were left so (adoption not asked for).</param>
/// <param name="Conflicted">Records that kept changing concurrently during every attempt; run again to migrate them.</param>
/// <param name="Unreadable">Ids of records that could not be loaded (<see cref="Itsm.Persistence.CorruptRecordException"/>), for example because they run a workflow version the catalog no longer holds in any form (an inner <see cref="Itsm.Workflows.MissingWorkflowException"/>).</param>
public sealed record WorkflowMigrationReport(
    string Lifecycle,
    Itsm.Workflows.Workflow? Target,
    int Migrated,
    int Adopted,
    int AlreadyCurrent,
    int WithoutWorkflow,
    int Conflicted,
    IReadOnlyList<string> Unreadable);
