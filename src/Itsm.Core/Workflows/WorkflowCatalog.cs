using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>
/// The workflows an engine's records run (<c>ItsmEngineOptions.Workflows</c>): at most one per library
/// lifecycle for every tenant, and a tenant's own in place of it. Each is the workflow's current version, which
/// new records start under; the versions it replaces (<see cref="Workflow.PreviousVersion"/>) stay readable for
/// records that still run them. Immutable: <see cref="With(Workflow)"/> returns a new catalog.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly ImmutableDictionary<string, Workflow> _shared;
    private readonly ImmutableDictionary<(TenantId Tenant, string Lifecycle), Workflow> _byTenant;

    private WorkflowCatalog(ImmutableDictionary<string, Workflow> shared, ImmutableDictionary<(TenantId, string), Workflow> byTenant)
    {
        _shared = shared;
        _byTenant = byTenant;
    }

    /// <summary>No workflows: every record runs its library lifecycle alone.</summary>
    public static WorkflowCatalog Empty { get; } = new(ImmutableDictionary.Create<string, Workflow>(StringComparer.Ordinal), ImmutableDictionary<(TenantId, string), Workflow>.Empty);

    /// <summary>
    /// Every workflow in the catalog (current versions): the shared ones by lifecycle, then the tenants' own by tenant and
    /// lifecycle (ordinal order), so a listing reads the same in every process.
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

    /// <summary>The catalog with <paramref name="workflow"/> as the workflow of its lifecycle for every tenant without its own (replacing any there).</summary>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog With(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared.SetItem(workflow.Lifecycle, workflow), _byTenant);
    }

    /// <summary>The catalog with <paramref name="workflow"/> as <paramref name="tenant"/>'s own workflow of its lifecycle (replacing any there).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public WorkflowCatalog With(TenantId tenant, Workflow workflow)
    {
        if (tenant.Value is null)
        {
            throw new ArgumentException("The tenant must not be default.", nameof(tenant));
        }

        ArgumentNullException.ThrowIfNull(workflow);
        return new(_shared, _byTenant.SetItem((tenant, workflow.Lifecycle), workflow));
    }

    /// <summary>The current workflow of <paramref name="lifecycle"/> for <paramref name="tenant"/>: its own, else the shared one, else <see langword="null"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="lifecycle">The lifecycle, for example <c>Incident</c> or <c>Change.Normal</c>.</param>
    /// <returns>The workflow, or <see langword="null"/>.</returns>
    public Workflow? For(TenantId tenant, string lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return _byTenant.TryGetValue((tenant, lifecycle), out var own) ? own : _shared.GetValueOrDefault(lifecycle);
    }

    /// <summary>The typed current workflow of <paramref name="lifecycle"/> for <paramref name="tenant"/>.</summary>
    internal Workflow<TState, TCommand>? For<TState, TCommand>(TenantId tenant, string lifecycle)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        For(tenant, lifecycle) as Workflow<TState, TCommand>;
}
