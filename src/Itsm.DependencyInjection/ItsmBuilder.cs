using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.Sqlite;
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

    /// <summary>Asks <typeparamref name="TAuthorizer"/> (resolved from the container) before every command.</summary>
    /// <typeparam name="TAuthorizer">The authorizer type.</typeparam>
    /// <returns>This builder.</returns>
    public ItsmBuilder AuthorizeWith<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAuthorizer>()
        where TAuthorizer : class, IItsmAuthorizer
    {
        Services.TryAddSingleton<IItsmAuthorizer, TAuthorizer>();
        return this;
    }

    /// <summary>Asks <paramref name="authorizer"/> before every command.</summary>
    /// <param name="authorizer">The authorizer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="authorizer"/> is null.</exception>
    public ItsmBuilder AuthorizeWith(IItsmAuthorizer authorizer)
    {
        Guard.Against.Null(authorizer);
        Services.TryAddSingleton(authorizer);
        return this;
    }

    /// <summary>Allows every command (<see cref="ItsmAuthorizers.AllowAll"/>): for tests and samples only. Without an authorizer the engine refuses to start.</summary>
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

    /// <summary>Keeps records in the SQLite file at <paramref name="path"/> (created and migrated on first use), with <c>synchronous=FULL</c>.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseSqlite(string path)
    {
        Guard.Against.NullOrWhiteSpace(path);
        return UseSqlite(new SqliteStoreOptions { Path = path });
    }

    /// <summary>Keeps records in a SQLite file, with every store setting given.</summary>
    /// <param name="options">The store's settings; validated at startup.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseSqlite(SqliteStoreOptions options)
    {
        Guard.Against.Null(options);
        return UseStore($"the SQLite store at '{options.Path}'", _ => new SqliteAggregateStore(options), () => options.Validate().Select(e => "SQLite store: " + e));
    }

    /// <summary>Keeps records in PostgreSQL (schema <c>itsm</c>, created and migrated on first use), for hosts that run many instances over one database.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UsePostgreSql(string connectionString)
    {
        Guard.Against.NullOrWhiteSpace(connectionString);
        return UsePostgreSql(new PostgreSqlStoreOptions { ConnectionString = connectionString });
    }

    /// <summary>Keeps records in PostgreSQL, with every store setting given.</summary>
    /// <param name="options">The store's settings; validated at startup.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    /// <remarks>The container owns the store (one connection pool per container) and disposes it.</remarks>
    public ItsmBuilder UsePostgreSql(PostgreSqlStoreOptions options)
    {
        Guard.Against.Null(options);
        return UseStore($"the PostgreSQL store (schema '{options.Schema}')", _ => new PostgreSqlAggregateStore(options), () => options.Validate().Select(e => "PostgreSQL store: " + e));
    }

    /// <summary>Uses a store of the host's own (an adapter that passes the store contract suite).</summary>
    /// <param name="factory">Creates the store once, from the container.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ItsmBuilder UseStore(Func<IServiceProvider, IAggregateStore> factory)
    {
        Guard.Against.Null(factory);
        return UseStore("a custom store", factory, null);
    }

    private ItsmBuilder UseStore(string description, Func<IServiceProvider, IAggregateStore> factory, Func<IEnumerable<string>>? check)
    {
        if (_registration.StoreDescription is { } chosen)
        {
            throw new InvalidOperationException($"A store is already chosen ({chosen}); choose one store only.");
        }

        _registration.StoreDescription = description;
        if (check is not null)
        {
            _registration.StoreChecks.Add(check);
        }

        Services.TryAddSingleton(factory);
        return this;
    }
}
