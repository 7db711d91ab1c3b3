using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>
/// The workflows an engine's records run (<c>ItsmEngineOptions.Workflows</c>): at most one current workflow per
/// library lifecycle for every tenant, and a tenant's own in place of it, which new records start under; the
/// versions each replaces (<see cref="Workflow.PreviousVersion"/>) stay readable for records that still run them.
/// Workflows a host has replaced by one with another id are kept with <see cref="Retaining(Workflow)"/>: records
/// still under them load and keep working, and migrate to the current workflow when the host asks
/// (docs/workflow-versions.md). Immutable: every method returns a new catalog.
/// </summary>
/// <remarks>
/// <para>A record loads only while the catalog holds its workflow's id and version for its tenant
/// (<see cref="Find"/>): the tenant's own current workflow and the versions it replaces, the workflows retained for
/// the tenant, the shared current workflow and its versions, and the workflows retained for every tenant. A
/// record under a workflow the catalog holds in none of these forms cannot be read
/// (<see cref="MissingWorkflowException"/>, inside the store's <c>CorruptRecordException</c>).</para>
/// </remarks>
public sealed class WorkflowCatalog
{
    private readonly ImmutableDictionary<string, Workflow> _shared;
    private readonly ImmutableDictionary<(TenantId Tenant, string Lifecycle), Workflow> _byTenant;
    private readonly ImmutableDictionary<(string Lifecycle, string Id), Workflow> _sharedRetained;
    private readonly ImmutableDictionary<(TenantId Tenant, string Lifecycle, string Id), Workflow> _tenantRetained;

    private WorkflowCatalog(
        ImmutableDictionary<string, Workflow> shared,
        ImmutableDictionary<(TenantId, string), Workflow> byTenant,
        ImmutableDictionary<(string, string), Workflow> sharedRetained,
        ImmutableDictionary<(TenantId, string, string), Workflow> tenantRetained)
    {
        _shared = shared;
        _byTenant = byTenant;
        _sharedRetained = sharedRetained;
        _tenantRetained = tenantRetained;
    }

    /// <summary>No workflows: every record runs its library lifecycle alone.</summary>
    public static WorkflowCatalog Empty { get; } = new(
        ImmutableDictionary.Create<string, Workflow>(StringComparer.Ordinal),
        ImmutableDictionary<(TenantId, string), Workflow>.Empty,
        ImmutableDictionary<(string, string), Workflow>.Empty,
        ImmutableDictionary<(TenantId, string, string), Workflow>.Empty);

    /// <summary>
    /// Every workflow in the catalog (current versions): the shared ones by lifecycle, then the tenants' own by tenant and
    /// lifecycle (ordinal order), so a listing reads the same in every process. Retained workflows are listed by
    /// <see cref="RetainedWorkflows"/>.
    /// </summary>
    public IEnumerable<Workflow> Workflows
    {
        get
        {
            foreach (var (_, w) in _shared.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return w;
            }

            foreach (var (_, w) in _byTenant.OrderBy(p => p.Key.Tenant.Value, StringComparer.Ordinal).ThenBy(p => p.Key.Lifecycle, StringComparer.Ordinal))
            {
                yield return w;
            }
        }
    }

    /// <summary>
    /// Every retained workflow (<see cref="Retaining(Workflow)"/>, <see cref="Retaining(TenantId, Workflow)"/>): the ones
    /// retained for every tenant by lifecycle and id, then the tenants' own by tenant, lifecycle and id (ordinal order).
    /// </summary>
    public IEnumerable<Workflow> RetainedWorkflows
    {
        get
        {
            foreach (var (_, w) in _sharedRetained.OrderBy(p => p.Key.Lifecycle, StringComparer.Ordinal).ThenBy(p => p.Key.Id, StringComparer.Ordinal))
            {
                yield return w;
            }

            foreach (var (_, w) in _tenantRetained
                .OrderBy(p => p.Key.Tenant.Value, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Lifecycle, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Id, StringComparer.Ordinal))
            {
                yield return w;
            }
        }
    }

    /// <summary>The catalog with <paramref name="workflow"/> as the workflow of its lifecycle for every tenant without its own (replacing any there).</summary>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>The new catalog.</returns>
    /// <remarks>Records under the workflow it replaces stay readable only if that one has the same id and is in
    /// <paramref name="workflow"/>'s chain of versions, or is retained (<see cref="Retaining(Workflow)"/>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog With(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared.SetItem(workflow.Lifecycle, workflow), _byTenant, _sharedRetained, _tenantRetained);
    }

    /// <summary>The catalog with <paramref name="workflow"/> as <paramref name="tenant"/>'s own workflow of its lifecycle (replacing any there).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>The new catalog.</returns>
    /// <remarks>The tenant's records under the shared workflow of the lifecycle stay readable while the catalog holds it
    /// (as the shared current workflow or retained); see <see cref="Find"/>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog With(TenantId tenant, Workflow workflow)
    {
        CheckTenant(tenant);
        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared, _byTenant.SetItem((tenant, workflow.Lifecycle), workflow), _sharedRetained, _tenantRetained);
    }

    /// <summary>
    /// The catalog keeping <paramref name="workflow"/> (and every version it replaces) for the records of every tenant that
    /// still run it, although new records no longer start under it: a workflow a host replaced by one with another id
    /// (a vendor's <c>acme-incident</c> by <c>acme-incident-2024</c>), or one it stopped using altogether.
    /// </summary>
    /// <param name="workflow">The retained workflow: the latest version records may run; the versions it replaces are retained with it.</param>
    /// <returns>The new catalog.</returns>
    /// <remarks>
    /// <para>A record under a retained workflow loads under it and keeps working under it: its custom states, named
    /// transitions, blocked commands and guards are the retained workflow's, so <c>PermittedCommands</c> and every
    /// refusal stay what they were. A migration (<c>MigrateIncidentWorkflow</c> and its siblings, or
    /// <c>ItsmEngine.MigrateWorkflowsAsync</c>) moves it to its tenant's current workflow of the lifecycle, keeping a
    /// custom state of the same name inside the same library state and otherwise entering the entry state of its
    /// library state (docs/workflow-versions.md).</para>
    /// <para>Retaining a workflow whose lifecycle and id are already retained for every tenant replaces that one (retain
    /// the latest version; its chain keeps the older ones). Once no record runs it (a bulk migration reports nothing
    /// left), the host may drop it.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog Retaining(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared, _byTenant, _sharedRetained.SetItem((workflow.Lifecycle, workflow.Id), workflow), _tenantRetained);
    }

    /// <summary>
    /// The catalog keeping <paramref name="workflow"/> (and every version it replaces) for <paramref name="tenant"/>'s records
    /// that still run it, although its new records no longer start under it; see <see cref="Retaining(Workflow)"/>.
    /// </summary>
    /// <param name="tenant">The tenant whose records still run the workflow.</param>
    /// <param name="workflow">The retained workflow: the latest version the tenant's records may run.</param>
    /// <returns>The new catalog.</returns>
    /// <remarks>For example a tenant's own workflow the host removed, so that the tenant's new records start under the
    /// shared one: <c>catalog.With(shared).Retaining(tenant, tenantsOld)</c>. Retaining a workflow whose lifecycle and id
    /// are already retained for the tenant replaces that one.</remarks>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog Retaining(TenantId tenant, Workflow workflow)
    {
        CheckTenant(tenant);
        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared, _byTenant, _sharedRetained, _tenantRetained.SetItem((tenant, workflow.Lifecycle, workflow.Id), workflow));
    }

    /// <summary>The current workflow of <paramref name="lifecycle"/> for <paramref name="tenant"/>: its own, else the shared one, else <see langword="null"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="lifecycle">The lifecycle, for example <c>Incident</c> or <c>Change.Normal</c>.</param>
    /// <returns>The workflow new records start under, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifecycle"/> is null.</exception>
    public Workflow? For(TenantId tenant, string lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return _byTenant.TryGetValue((tenant, lifecycle), out var own) ? own : _shared.GetValueOrDefault(lifecycle);
    }

    /// <summary>
    /// The workflow version a record of <paramref name="tenant"/> in <paramref name="lifecycle"/> under
    /// <paramref name="workflowId"/> version <paramref name="version"/> runs, or <see langword="null"/> when the catalog
    /// no longer holds it for the tenant (then such a record cannot be read).
    /// </summary>
    /// <param name="tenant">The record's tenant.</param>
    /// <param name="lifecycle">The record's lifecycle, for example <c>Incident</c> or <c>Change.Normal</c>.</param>
    /// <param name="workflowId">The workflow id the record stores.</param>
    /// <param name="version">The version the record stores.</param>
    /// <returns>The workflow of that id and version.</returns>
    /// <remarks>Looked up, first match wins, in: the tenant's own current workflow and the versions it replaces; the
    /// workflows retained for the tenant; the shared current workflow and its versions; the workflows retained for every
    /// tenant. A host can check a new catalog against its stored records with it before deploying the catalog.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="lifecycle"/> or <paramref name="workflowId"/> is null.</exception>
    public Workflow? Find(TenantId tenant, string lifecycle, string workflowId, int version)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(workflowId);
        return (_byTenant.TryGetValue((tenant, lifecycle), out var own) ? VersionIn(own, workflowId, version) : null)
            ?? (_tenantRetained.TryGetValue((tenant, lifecycle, workflowId), out var kept) ? VersionIn(kept, workflowId, version) : null)
            ?? (_shared.TryGetValue(lifecycle, out var shared) ? VersionIn(shared, workflowId, version) : null)
            ?? (_sharedRetained.TryGetValue((lifecycle, workflowId), out var sharedKept) ? VersionIn(sharedKept, workflowId, version) : null);
    }

    /// <summary>The typed current workflow of <paramref name="lifecycle"/> for <paramref name="tenant"/>.</summary>
    internal Workflow<TState, TCommand>? For<TState, TCommand>(TenantId tenant, string lifecycle)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        For(tenant, lifecycle) as Workflow<TState, TCommand>;

    /// <summary>The typed <see cref="Find"/>.</summary>
    internal Workflow<TState, TCommand>? Find<TState, TCommand>(TenantId tenant, string lifecycle, string workflowId, int version)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        Find(tenant, lifecycle, workflowId, version) as Workflow<TState, TCommand>;

    private static Workflow? VersionIn(Workflow latest, string id, int version)
    {
        if (!string.Equals(latest.Id, id, StringComparison.Ordinal))
        {
            return null;
        }

        for (var w = latest; w is not null; w = w.PreviousVersion)
        {
            if (w.Version == version)
            {
                return w;
            }
        }

        return null;
    }

    private static void CheckTenant(TenantId tenant)
    {
        if (tenant.Value is null)
        {
            throw new ArgumentException("The tenant must not be default.", nameof(tenant));
        }
    }
}
