using System;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.DependencyInjection;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Itsm.Core engine.</summary>
public static class ItsmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: the clock (the system clock unless <see cref="ItsmBuilder.UseClock"/>),
    /// <see cref="ItsmOptions"/> (calendars, agreements, lifecycle settings; validated on start),
    /// <see cref="ItsmEngine"/> and one <see cref="AggregateService{TAggregate, TId}"/> per record type,
    /// all singletons. Choose a store (<see cref="ItsmBuilder.UseInMemory"/>, <see cref="ItsmBuilder.UseStore(Func{IServiceProvider, IAggregateStore})"/>,
    /// or a store package's own: <c>UseSqlite(path)</c> from Itsm.Persistence.Sqlite, <c>UsePostgreSql(connectionString)</c>
    /// from Itsm.Persistence.PostgreSql) and an authorizer (<see cref="ItsmBuilder.AuthorizeWith{TAuthorizer}"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the engine; may be <see langword="null"/> to configure through the returned builder.</param>
    /// <returns>The builder, for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddItsm</c> was already called on this collection.</exception>
    public static ItsmBuilder AddItsm(this IServiceCollection services, Action<ItsmBuilder>? configure = null)
    {
        Guard.Against.Null(services);
        if (services.Any(d => d.ServiceType == typeof(ItsmRegistration)))
        {
            throw new InvalidOperationException("AddItsm was already called on this service collection; configure the engine in one call.");
        }

        var registration = new ItsmRegistration();
        services.AddSingleton(registration);
        // The composition root is the one place the real clock may be chosen.
#pragma warning disable RS0030
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.AddOptions<ItsmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ItsmOptions>, ItsmOptionsValidator>());
        services.TryAddSingleton(static sp =>
        {
            // Options first: without a host, this is where validation reports every problem at once.
            var options = sp.GetRequiredService<IOptions<ItsmOptions>>().Value.ToEngineOptions();
            return new ItsmEngine(
                sp.GetRequiredService<IAggregateStore>(),
                sp.GetRequiredService<IItsmAuthorizer>(),
                sp.GetRequiredService<IClock>(),
                options,
                sp.GetService<IDomainEventPublisher>());
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().Incidents);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().Problems);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().Changes);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().ServiceRequests);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().Interactions);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().ImprovementItems);
        services.TryAddSingleton(sp => sp.GetRequiredService<ItsmEngine>().KnowledgeArticles);
        var builder = new ItsmBuilder(services, registration);
        configure?.Invoke(builder);
        return builder;
    }
}
