using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Text;
using Itsm.Workflows;

namespace Itsm.Engine;

// Moving a tenant's records to the current version of its workflow (docs/workflow-versions.md).
public sealed partial class ItsmEngine
{
    /// <summary>How many times one record's migration is tried again after it changed concurrently.</summary>
    internal const int MigrationAttempts = 3;

    /// <summary>
    /// Migrates every record of <paramref name="tenant"/> in <paramref name="lifecycle"/> that runs an older version of
    /// the tenant's current workflow (<see cref="ItsmEngineOptions.Workflows"/>), or another workflow the catalog still
    /// holds for the tenant (retained, <see cref="WorkflowCatalog.Retaining(Workflow)"/>), to that workflow, each record by its own
    /// audited command (<see cref="MigrateIncidentWorkflow"/>, <see cref="MigrateChangeWorkflow"/>,
    /// <see cref="Itsm.Problems.MigrateProblemWorkflow"/>, <see cref="Itsm.Requests.MigrateServiceRequestWorkflow"/>; audit command
    /// <c>MigrateWorkflow</c>), and says what it did.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="lifecycle">The lifecycle: <c>Incident</c>, <c>Problem</c>, <c>ServiceRequest</c>, <c>Change.Normal</c>, <c>Change.Standard</c> or <c>Change.Emergency</c>.</param>
    /// <param name="actor">Who migrates (usually a system actor); must be allowed to list the records and to run the migration command on each.</param>
    /// <param name="adopt">Whether records that run no workflow (created before the tenant had one) start running it too; false by default, so they keep the library lifecycle alone.</param>
    /// <param name="cancellationToken">Cancels the call between records; records already migrated stay migrated.</param>
    /// <returns>The counts: migrated, adopted, already current, left without a workflow, conflicted, and the ids of unreadable records.</returns>
    /// <remarks>
    /// <para>The records are listed once (<see cref="AggregateService{TAggregate, TId}.QueryAsync"/>, asked with
    /// <see cref="QueryRecords"/>), every state included: a closed record on an old version keeps that version readable
    /// until it is migrated. Each record is loaded, and the ones on an older version (or without one, with
    /// <paramref name="adopt"/>) are migrated through <see cref="AggregateService{TAggregate, TId}.ExecuteAsync"/> at the
    /// version loaded, so each is authorized like any command and commits on its own with its own audit entry. A record
    /// that changed in between is loaded and decided again, up to three times, then counted as conflicted.</para>
    /// <para>Resumable and idempotent: a record already on the current version is never migrated again, so running it
    /// again after a failure or a cancellation finishes the job and migrates nothing twice.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The tenant or actor is missing, or <paramref name="lifecycle"/> is not a lifecycle workflows refine.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused the listing or the migration of a record.</exception>
    public Task<WorkflowMigrationReport> MigrateWorkflowsAsync(TenantId tenant, string lifecycle, Actor actor, bool adopt = false, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        Guard.Against.Null(lifecycle);
        if (string.Equals(lifecycle, Incident.RecordType, StringComparison.Ordinal))
        {
            return MigrateAllAsync<Incident, IncidentId, IncidentState, IncidentCommand>(Incidents, tenant, lifecycle, actor, new MigrateIncidentWorkflow(adopt), adopt, static id => new IncidentId(Guid.Parse(id)), cancellationToken);
        }

        if (string.Equals(lifecycle, Itsm.Problems.Problem.RecordType, StringComparison.Ordinal))
        {
            return MigrateAllAsync<Itsm.Problems.Problem, ProblemId, Itsm.Problems.ProblemState, Itsm.Problems.ProblemCommand>(Problems, tenant, lifecycle, actor, new Itsm.Problems.MigrateProblemWorkflow(adopt), adopt, static id => new ProblemId(Guid.Parse(id)), cancellationToken);
        }

        if (string.Equals(lifecycle, Itsm.Requests.ServiceRequest.RecordType, StringComparison.Ordinal))
        {
            return MigrateAllAsync<Itsm.Requests.ServiceRequest, ServiceRequestId, Itsm.Requests.ServiceRequestState, Itsm.Requests.ServiceRequestCommand>(ServiceRequests, tenant, lifecycle, actor, new Itsm.Requests.MigrateServiceRequestWorkflow(adopt), adopt, static id => new ServiceRequestId(Guid.Parse(id)), cancellationToken);
        }

        if (Enum.GetValues<ChangeType>().Any(t => string.Equals(lifecycle, WorkflowLifecycles.ChangeLifecycleName(t), StringComparison.Ordinal)))
        {
            return MigrateAllAsync<Change, ChangeId, ChangeState, ChangeCommand>(Changes, tenant, lifecycle, actor, new MigrateChangeWorkflow(adopt), adopt, static id => new ChangeId(Guid.Parse(id)), cancellationToken);
        }

        throw new ArgumentException(
            $"'{QuotedText.Of(lifecycle)}' is not a lifecycle workflows refine; use {Incident.RecordType}, {Itsm.Problems.Problem.RecordType}, {Itsm.Requests.ServiceRequest.RecordType}, {string.Join(", ", Enum.GetValues<ChangeType>().Select(WorkflowLifecycles.ChangeLifecycleName))}.",
            nameof(lifecycle));
    }

    private async Task<WorkflowMigrationReport> MigrateAllAsync<TAggregate, TId, TState, TCommand>(
        AggregateService<TAggregate, TId> service,
        TenantId tenant,
        string lifecycle,
        Actor actor,
        RecordCommand<TAggregate> command,
        bool adopt,
        Func<string, TId> idOf,
        CancellationToken cancellationToken)
        where TAggregate : Aggregate<TId, TState, TCommand>
        where TId : struct
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var target = Options.Workflows.For(tenant, lifecycle);
        var unreadable = new List<string>();
        if (target is null)
        {
            return new WorkflowMigrationReport(lifecycle, null, 0, 0, 0, 0, 0, unreadable);
        }

        var records = await service.QueryAsync(tenant, actor, null, cancellationToken).ConfigureAwait(false);
        int migrated = 0, adopted = 0, current = 0, without = 0, conflicted = 0;
        foreach (var summary in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await MigrateOneAsync(summary.RecordId).ConfigureAwait(false))
            {
                case MigrationOutcome.Migrated: migrated++; break;
                case MigrationOutcome.Adopted: adopted++; break;
                case MigrationOutcome.AlreadyCurrent: current++; break;
                case MigrationOutcome.WithoutWorkflow: without++; break;
                case MigrationOutcome.Conflicted: conflicted++; break;
                case MigrationOutcome.Unreadable: unreadable.Add(summary.RecordId); break;
                default: break; // A change of another type, or a record gone since the listing.
            }
        }

        return new WorkflowMigrationReport(lifecycle, target, migrated, adopted, current, without, conflicted, unreadable);

        // Decides one record's migration on what is stored, and runs it when it is due.
        async Task<MigrationOutcome> MigrateOneAsync(string recordId)
        {
            for (int attempt = 0; attempt < MigrationAttempts; attempt++)
            {
                TAggregate? record;
                try
                {
                    record = await service.LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false);
                }
                catch (CorruptRecordException)
                {
                    return MigrationOutcome.Unreadable;
                }

                if (record is null || !string.Equals(record.WorkflowLifecycle, lifecycle, StringComparison.Ordinal))
                {
                    return MigrationOutcome.OutOfScope;
                }

                switch (record.CatalogMigrationStep(adopt))
                {
                    case WorkflowMigrationStep.AlreadyCurrent: return MigrationOutcome.AlreadyCurrent;
                    case WorkflowMigrationStep.WithoutWorkflow: return MigrationOutcome.WithoutWorkflow;
                    case WorkflowMigrationStep.NoCatalogWorkflow: return MigrationOutcome.OutOfScope;
                    default: break;
                }

                var adopting = record.Workflow is null;
                try
                {
                    await service.ExecuteAsync(tenant, idOf(recordId), actor, command, new CommandOptions { ExpectedVersion = record.Version }, cancellationToken).ConfigureAwait(false);
                    return adopting ? MigrationOutcome.Adopted : MigrationOutcome.Migrated;
                }
                catch (ConcurrencyException)
                {
                    // Changed since the load (perhaps migrated by another run): decide again on what is stored now.
                }
            }

            return MigrationOutcome.Conflicted;
        }
    }

    private enum MigrationOutcome
    {
        Migrated,
        Adopted,
        AlreadyCurrent,
        WithoutWorkflow,
        Conflicted,
        Unreadable,
        OutOfScope,
    }
}
