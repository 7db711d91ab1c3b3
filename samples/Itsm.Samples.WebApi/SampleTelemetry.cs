using System;
using Itsm.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Itsm.Samples.WebApi;

/// <summary>
/// Exports the engine's, the store's and ASP.NET Core's traces and metrics with OpenTelemetry: over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured (an OpenTelemetry Collector, Jaeger, Aspire's dashboard),
/// to the console with <c>--telemetry-console true</c>, and nowhere otherwise, so the sample runs offline.
/// </summary>
public static class SampleTelemetry
{
    /// <summary>The configuration key that turns the console exporter on (<c>--telemetry-console true</c>).</summary>
    public const string ConsoleKey = "telemetry-console";

    /// <summary>Registers OpenTelemetry tracing and metrics for the sample.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration (command line, environment).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSampleTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = string.Equals(configuration[ConsoleKey], "true", StringComparison.OrdinalIgnoreCase);
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddSource(ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName);
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName, ItsmTelemetry.HostingName);
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        if (otlp)
        {
            // Reads the endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
