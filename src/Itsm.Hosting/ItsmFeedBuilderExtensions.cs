using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.DependencyInjection;
using Itsm.Hosting;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the event-feed dispatcher on the Itsm builder: <c>services.AddItsm(b =&gt; b.UseSqlite(path)
/// .AuthorizeWith&lt;MyAuthorizer&gt;().AddFeedHandler&lt;MyHandler&gt;().AddFeedDispatcher(o =&gt; o.Tenants.Add(new("acme"))))</c>.
/// </summary>
/// <remarks>
/// Any of these methods registers the dispatcher once: a hosted service (started and stopped with the host),
/// <see cref="ItsmFeedAdmin"/>, <see cref="ItsmFeedDispatcherOptions"/> validated at startup, and
/// <see cref="TimeProvider.System"/> unless the host registered a <see cref="TimeProvider"/> (tests register a fake one).
/// </remarks>
public static class ItsmFeedBuilderExtensions
{
    /// <summary>Delivers the feed to <typeparamref name="THandler"/>, a singleton resolved from the container (registered once however often this is called).</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The Itsm builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ItsmBuilder AddFeedHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this ItsmBuilder builder)
        where THandler : class, IItsmEventHandler
    {
        Guard.Against.Null(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IItsmEventHandler, THandler>());
        return AddDispatcherServices(builder);
    }

    /// <summary>Delivers the feed to <paramref name="handler"/>.</summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="handler">The handler; its <see cref="IItsmEventHandler.Name"/> must differ from every other handler's.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="handler"/> is null.</exception>
    public static ItsmBuilder AddFeedHandler(this ItsmBuilder builder, IItsmEventHandler handler)
    {
        Guard.Against.Null(builder);
        Guard.Against.Null(handler);
        builder.Services.AddSingleton(handler);
        return AddDispatcherServices(builder);
    }

    /// <summary>Configures the feed dispatcher (tenants, poll interval, batch size, attempts, backoff); may be called more than once.</summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static ItsmBuilder AddFeedDispatcher(this ItsmBuilder builder, Action<ItsmFeedDispatcherOptions> configure)
    {
        Guard.Against.Null(builder);
        Guard.Against.Null(configure);
        builder.Services.Configure(configure);
        return AddDispatcherServices(builder);
    }

    private static ItsmBuilder AddDispatcherServices(ItsmBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ItsmFeedDispatcher)))
        {
            return builder;
        }

        services.AddOptions<ItsmFeedDispatcherOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ItsmFeedDispatcherOptions>, ItsmFeedDispatcherOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedConsumerGates>();
        services.TryAddSingleton(static sp => new FeedMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new FeedContext(
            sp.GetRequiredService<IAggregateStore>(),
            sp.GetRequiredService<IOptions<ItsmFeedDispatcherOptions>>().Value,
            sp.GetRequiredService<FeedConsumerGates>(),
            sp.GetRequiredService<FeedMetrics>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<TimeProvider>(),
            Loggers(sp).CreateLogger(typeof(ItsmFeedDispatcher).FullName!)));
        services.AddSingleton(static sp => new ItsmFeedDispatcher(
            sp.GetServices<IItsmEventHandler>(),
            sp.GetRequiredService<FeedContext>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ItsmFeedDispatcher>(static sp => sp.GetRequiredService<ItsmFeedDispatcher>()));
        services.TryAddSingleton(static sp => new ItsmFeedAdmin(
            sp.GetRequiredService<IAggregateStore>(),
            sp.GetServices<IItsmEventHandler>(),
            sp.GetRequiredService<FeedConsumerGates>(),
            sp.GetRequiredService<IClock>(),
            Loggers(sp).CreateLogger(typeof(ItsmFeedAdmin).FullName!)));
        return builder;
    }

    private static ILoggerFactory Loggers(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
