using System;
using System.Linq;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Samples.WebApi.Endpoints;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Samples.WebApi;

/// <summary>Builds the sample API: the engine registered with <c>AddItsm</c>, the endpoints, and the error mapping.</summary>
public static class WebApiApp
{
    /// <summary>
    /// Builds the application on a SQLite file. Without a configured URL (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>) it listens on <c>http://127.0.0.1:0</c>, a free port; read it with
    /// <see cref="BoundAddress"/> after <c>StartAsync</c>.
    /// </summary>
    /// <param name="args">Command-line arguments (ASP.NET Core configuration).</param>
    /// <param name="databasePath">The SQLite file (created and migrated on first use).</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args, string databasePath) => Build(args, databasePath, null);

    /// <summary>Builds the application, letting the caller register services first.</summary>
    /// <param name="args">Command-line arguments (ASP.NET Core configuration).</param>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="configureServices">
    /// Runs before <c>AddItsm</c>: since the engine registers with <c>TryAdd</c>, a clock
    /// (<c>NodaTime.IClock</c>) or an <c>IItsmAuthorizer</c> registered here replaces the default.
    /// </param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args, string databasePath, Action<IServiceCollection>? configureServices)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton<ApiCommandCatalog>();
        // A command's body is a few fields: a megabyte is generous, and anything larger is refused with 413.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsMiddleware.DescribeStatus);
        builder.Services.AddSampleTelemetry(builder.Configuration);
        builder.Services.AddItsm(itsm => itsm
            .UseSqlite(databasePath)
            .AuthorizeWith<RoleAuthorizer>()
            .AddCalendar(SampleConfiguration.CalendarId, SampleConfiguration.OfficeCalendar)
            .AddAgreements(SampleConfiguration.StandardAgreement)
            .AddWorkflow(new TenantId(SampleConfiguration.WorkflowTenant), SampleConfiguration.ContosoIncidentWorkflow));

        var app = builder.Build();
        app.UseMiddleware<ProblemDetailsMiddleware>();
        // Unknown routes and methods answer with problem details too (404, 405), with a code
        // (ProblemDetailsMiddleware.DescribeStatus).
        app.UseStatusCodePages();
        IncidentEndpoints.Map(app);
        ProblemEndpoints.Map(app);
        ChangeEndpoints.Map(app);
        ServiceRequestEndpoints.Map(app);
        return app;
    }

    /// <summary>The largest request body the API reads, in bytes; a larger one gets 413.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The address the started application listens on, for example <c>http://127.0.0.1:41234</c>.</summary>
    /// <param name="app">The started application.</param>
    /// <returns>The first bound address.</returns>
    /// <exception cref="InvalidOperationException">The application is not started.</exception>
    public static Uri BoundAddress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The application is not listening yet; call StartAsync first.");
        return new Uri(first);
    }
}
