using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Itsm.DependencyInjection;

/// <summary>
/// Configures the Itsm.Core engine in a service collection; returned by
/// <see cref="ItsmServiceCollectionExtensions.AddItsm"/>. Every method returns the builder, so calls chain.
/// </summary>
/// <remarks>
/// Registrations follow Microsoft.Extensions conventions: services are added with <c>TryAdd</c>, so a
/// host's own registration made before <c>AddItsm</c> wins, and settings go through
/// <see cref="ItsmOptions"/>, validated at startup.
/// </remarks>
public sealed class ItsmBuilder
{
    private readonly ItsmRegistration _registration;

    internal ItsmBuilder(IServiceCollection services, ItsmRegistration registration)
    {
        Services = services;
        _registration = registration;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses <paramref name="clock"/> instead of the system clock (for example a <c>FakeClock</c> in tests).</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public ItsmBuilder UseClock(IClock clock)
    {
        Guard.Against.Null(clock);
        Services.Replace(ServiceDescriptor.Singleton(clock));
        return this;
    }

    /// <summary>Adds a business calendar under an id the agreements' targets use.</summary>
    /// <param name="id">The calendar's id.</param>
    /// <param name="calendar">The calendar.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank, or <paramref name="calendar"/> is null.</exception>
    public ItsmBuilder AddCalendar(string id, BusinessCalendar calendar)
    {
        Guard.Against.NullOrWhiteSpace(id);
        Guard.Against.Null(calendar);
        Services.Configure<ItsmOptions>(o => o.Calendars[id] = calendar);
        return this;
    }

    /// <summary>
    /// Counts each SLA clock on the calendar <paramref name="resolver"/> chooses for its ticket when the
    /// clock attaches (by caller, customer, location or service), instead of its target's own calendar;
    /// the calendars it names are added with <see cref="AddCalendar"/>
    /// (<see cref="ItsmEngineOptions.SlaCalendarResolver"/>, <see cref="Itsm.Sla.SlaCalendarResolver"/>).
    /// </summary>
    /// <param name="resolver">The resolver: a pure function of the snapshot, agreement and target.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resolver"/> is null.</exception>
    public ItsmBuilder UseSlaCalendarResolver(SlaCalendarResolver resolver)
    {
        Guard.Against.Null(resolver);
        Services.Configure<ItsmOptions>(o => o.SlaCalendarResolver = resolver);
        return this;
    }

    /// <summary>Adds agreements whose clocks run on tickets.</summary>
    /// <param name="agreements">The agreements.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="agreements"/> is null or holds null.</exception>
    public ItsmBuilder AddAgreements(params Agreement[] agreements)
    {
        Guard.Against.Null(agreements);
        if (agreements.Any(a => a is null))
        {
            throw new ArgumentException("An agreement is null.", nameof(agreements));
        }

        var copy = agreements.ToArray();
        Services.Configure<ItsmOptions>(o =>
        {
            foreach (var agreement in copy)
            {
                o.Agreements.Add(agreement);
            }
        });
        return this;
    }

    /// <summary>
    /// Adds <paramref name="workflow"/> as the workflow of its lifecycle for every tenant without its own (replacing any
    /// added before): new records of that lifecycle start under it (<see cref="ItsmEngineOptions.Workflows"/>,
    /// <see cref="Itsm.Workflows.WorkflowCatalog.With(Itsm.Workflows.Workflow)"/>). Add a new version the same way: it
    /// replaces the old one, whose records keep running it until migrated (docs/workflow-versions.md).
    /// </summary>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public ItsmBuilder AddWorkflow(Itsm.Workflows.Workflow workflow)
    {
        Guard.Against.Null(workflow);
        return ConfigureWorkflows(c => c.With(workflow));
    }

    /// <summary>Adds <paramref name="workflow"/> as <paramref name="tenant"/>'s own workflow of its lifecycle, in place of the shared one (<see cref="Itsm.Workflows.WorkflowCatalog.With(TenantId, Itsm.Workflows.Workflow)"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="workflow">The workflow's current version.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public ItsmBuilder AddWorkflow(TenantId tenant, Itsm.Workflows.Workflow workflow)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(workflow);
        return ConfigureWorkflows(c => c.With(tenant, workflow));
    }

    /// <summary>
    /// Keeps <paramref name="workflow"/> (and the versions it replaces) for the records of every tenant that still run it,
    /// although new records no longer start under it: a workflow replaced by one with another id, or dropped
    /// (<see cref="Itsm.Workflows.WorkflowCatalog.Retaining(Itsm.Workflows.Workflow)"/>). Its records load and keep
    /// working under it until <c>ItsmEngine.MigrateWorkflowsAsync</c> moves them to the current workflow; without it they
    /// cannot be read (docs/workflow-versions.md).
    /// </summary>
    /// <param name="workflow">The retained workflow's latest version.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public ItsmBuilder RetainWorkflow(Itsm.Workflows.Workflow workflow)
    {
        Guard.Against.Null(workflow);
        return ConfigureWorkflows(c => c.Retaining(workflow));
    }

    /// <summary>
    /// Keeps <paramref name="workflow"/> for <paramref name="tenant"/>'s records that still run it, although its new records
    /// no longer start under it, for example the tenant's own workflow it gave up for the shared one
    /// (<see cref="Itsm.Workflows.WorkflowCatalog.Retaining(TenantId, Itsm.Workflows.Workflow)"/>).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="workflow">The retained workflow's latest version.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public ItsmBuilder RetainWorkflow(TenantId tenant, Itsm.Workflows.Workflow workflow)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(workflow);
        return ConfigureWorkflows(c => c.Retaining(tenant, workflow));
    }

    // Each call adds to the catalog configured so far (a host may also have replaced it whole through ItsmOptions).
    private ItsmBuilder ConfigureWorkflows(Func<Itsm.Workflows.WorkflowCatalog, Itsm.Workflows.WorkflowCatalog> change)
    {
        Services.Configure<ItsmOptions>(o => o.Workflows = change(o.Workflows ?? Itsm.Workflows.WorkflowCatalog.Empty));
        return this;
    }

    /// <summary>Sets the incident lifecycle settings.</summary>
    /// <param name="options">The settings.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ItsmBuilder UseIncidentOptions(IncidentOptions options)
    {
        Guard.Against.Null(options);
        Services.Configure<ItsmOptions>(o => o.Incidents = options);
        return this;
    }

    /// <summary>Sets the incident lifecycle settings of one tenant (a priority matrix or reopen policy of its own); other tenants keep the engine's.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="options">Its settings, used when its incidents are created and when they are loaded.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ItsmBuilder UseIncidentOptions(TenantId tenant, IncidentOptions options)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(options);
        Services.Configure<ItsmOptions>(o => o.IncidentsByTenant[tenant] = options);
        return this;
    }

    /// <summary>Sets who must approve changes.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public ItsmBuilder UseChangeAuthority(ChangeAuthorityPolicy policy)
    {
        Guard.Against.Null(policy);
        Services.Configure<ItsmOptions>(o => o.ChangeAuthority = policy);
        return this;
    }

    /// <summary>Sets how record numbers read: prefixes per record type and zero padding (see <see cref="TicketNumbering"/>).</summary>
    /// <param name="numbering">The numbering, for example <c>TicketNumbering.Default with { Digits = 5 }</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="numbering"/> is null.</exception>
    public ItsmBuilder UseTicketNumbers(TicketNumbering numbering)
    {
        Guard.Against.Null(numbering);
        Services.Configure<ItsmOptions>(o => o.TicketNumbers = numbering);
        return this;
    }

    /// <summary>Asks <typeparamref name="TAuthorizer"/> (resolved from the container) before every command, read and save (see <see cref="IItsmAuthorizer"/>).</summary>
    /// <typeparam name="TAuthorizer">The authorizer type.</typeparam>
    /// <returns>This builder.</returns>
    public ItsmBuilder AuthorizeWith<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAuthorizer>()
        where TAuthorizer : class, IItsmAuthorizer
    {
        Services.TryAddSingleton<IItsmAuthorizer, TAuthorizer>();
        return this;
    }

    /// <summary>Asks <paramref name="authorizer"/> before every command, read and save (see <see cref="IItsmAuthorizer"/>).</summary>
    /// <param name="authorizer">The authorizer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="authorizer"/> is null.</exception>
    public ItsmBuilder AuthorizeWith(IItsmAuthorizer authorizer)
    {
        Guard.Against.Null(authorizer);
        Services.TryAddSingleton(authorizer);
        return this;
    }

    /// <summary>Allows every command, read and save (<see cref="ItsmAuthorizers.AllowAll"/>): for tests and samples only. Without an authorizer the engine refuses to start.</summary>
    /// <returns>This builder.</returns>
    public ItsmBuilder AllowAllActions() => AuthorizeWith(ItsmAuthorizers.AllowAll);

    /// <summary>Publishes the events of committed commands to <typeparamref name="TPublisher"/> (resolved from the container).</summary>
    /// <typeparam name="TPublisher">The publisher type.</typeparam>
    /// <returns>This builder.</returns>
    public ItsmBuilder PublishEventsTo<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPublisher>()
        where TPublisher : class, IDomainEventPublisher
    {
        Services.TryAddSingleton<IDomainEventPublisher, TPublisher>();
        return this;
    }

    /// <summary>Keeps records in memory (<see cref="InMemoryAggregateStore"/>): for tests, samples and hosts that need no durability.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseInMemory() => UseStore("the in-memory store", static _ => new InMemoryAggregateStore(), null);

    /// <summary>Uses a store of the host's own (an adapter that passes the store contract suite of <c>Itsm.Persistence.Testing</c>).</summary>
    /// <param name="factory">Creates the store once, from the container.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseStore(Func<IServiceProvider, IAggregateStore> factory)
    {
        Guard.Against.Null(factory);
        return UseStore("a custom store", factory, null);
    }

    /// <summary>
    /// Uses a store, named for error messages and with settings checked at startup: what a store
    /// package's own registration method (such as <c>UseSqlite</c> or <c>UsePostgreSql</c>) calls.
    /// </summary>
    /// <param name="description">Names the store in errors, for example <c>the SQLite store at 'itsm.db'</c>.</param>
    /// <param name="factory">Creates the store once, from the container.</param>
    /// <param name="validate">
    /// Lists the problems of the store's settings, each a complete sentence naming the store; called
    /// when the engine's options are validated (at host start, or when the engine is first resolved),
    /// together with the engine's own settings, so every problem is reported in one exception.
    /// <see langword="null"/> when there is nothing to check.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="description"/> is blank, or <paramref name="factory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseStore(string description, Func<IServiceProvider, IAggregateStore> factory, Func<IEnumerable<string>>? validate = null)
    {
        Guard.Against.NullOrWhiteSpace(description);
        Guard.Against.Null(factory);
        if (_registration.StoreDescription is { } chosen)
        {
            throw new InvalidOperationException($"A store is already chosen ({chosen}); choose one store only.");
        }

        _registration.StoreDescription = description;
        if (validate is not null)
        {
            _registration.StoreChecks.Add(validate);
        }

        Services.TryAddSingleton(factory);
        return this;
    }
}
