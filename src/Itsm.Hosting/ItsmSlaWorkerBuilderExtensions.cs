using System;
using Ardalis.GuardClauses;
using Itsm.DependencyInjection;
using Itsm.Engine;
using Itsm.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// In the namespace of AddItsm, so AddSlaWorker shows up wherever AddItsm does.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SLA and auto-close worker with <c>services.AddItsm(...)</c>.</summary>
public static class ItsmSlaWorkerBuilderExtensions
{
    /// <summary>
    /// Runs the <see cref="ItsmSlaWorker"/> as a hosted service over the engine's store: SLA warnings,
    /// breaches and escalations recorded on tickets at their instants, and auto-close. Its options are
    /// validated at startup with every problem listed; it stops with the host.
    /// </summary>
    /// <param name="builder">The Itsm builder.</param>
    /// <param name="configure">Sets the worker's options (at least the tenants it serves).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>
    /// The worker runs its commands as <see cref="ItsmSlaWorkerOptions.SystemActor"/>: the host's authorizer
    /// must allow it. Delays come from a registered <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> when none is).
    /// </remarks>
    public static ItsmBuilder AddSlaWorker(this ItsmBuilder builder, Action<ItsmSlaWorkerOptions> configure)
    {
        Guard.Against.Null(builder);
        Guard.Against.Null(configure);
        var services = builder.Services;
        services.AddOptions<ItsmSlaWorkerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ItsmSlaWorkerOptions>, ItsmSlaWorkerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new ItsmSlaWorker(
            sp.GetRequiredService<ItsmEngine>(),
            sp.GetRequiredService<IOptions<ItsmSlaWorkerOptions>>(),
            sp.GetService<ILogger<ItsmSlaWorker>>() ?? NullLogger<ItsmSlaWorker>.Instance,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(static sp => sp.GetRequiredService<ItsmSlaWorker>());
        return builder;
    }
}
