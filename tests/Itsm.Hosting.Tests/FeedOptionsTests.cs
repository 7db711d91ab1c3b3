using System;
using System.Linq;
using Itsm.Common;
using Itsm.Hosting.Tests.Support;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Itsm.Hosting.Tests;

/// <summary>Registration through AddItsm and the validation of the dispatcher's settings.</summary>
public sealed class FeedOptionsTests
{
    private sealed class NamedHandler : IItsmEventHandler
    {
        public string Name => "named";

        public System.Threading.Tasks.ValueTask HandleAsync(FeedEntry entry, System.Threading.CancellationToken cancellationToken) => default;
    }

    [Fact]
    public void Validation_lists_every_problem_at_once()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions()
                .AddFeedHandler(new RecordingHandler("twin"))
                .AddFeedHandler(new RecordingHandler("twin"))
                .AddFeedHandler(new RecordingHandler(" "))
                .AddFeedDispatcher(o =>
                {
                    o.Tenants.Add(default);
                    o.PollInterval = TimeSpan.Zero;
                    o.TenantRefreshInterval = TimeSpan.FromDays(2);
                    o.BatchSize = StoreArguments.MaxFeedRead + 1;
                    o.MaxAttempts = 0;
                    o.InitialBackoff = TimeSpan.FromSeconds(10);
                    o.MaxBackoff = TimeSpan.FromSeconds(5);
                }))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ItsmFeedDispatcherOptions>>().Value);

        Assert.Equal(
            [
                "Feed dispatcher: Tenants holds default(TenantId); every tenant needs an id.",
                "Feed dispatcher: TenantRefreshInterval is 2.00:00:00; it must be positive and at most one day.",
                "Feed dispatcher: PollInterval is 00:00:00; it must be positive and at most one day.",
                "Feed dispatcher: MaxBackoff (00:00:05) is shorter than InitialBackoff (00:00:10).",
                "Feed dispatcher: BatchSize is 10001; it must be 1 to 10000.",
                "Feed dispatcher: MaxAttempts is 0; it must be 1 or more.",
                "Feed dispatcher: handler Itsm.Hosting.Tests.Support.RecordingHandler has a blank Name; the name keys its checkpoint.",
                "Feed dispatcher: 2 handlers are named 'twin'; names key checkpoints, so each must be unique.",
            ],
            error.Failures);
    }

    [Fact]
    public void Without_tenants_or_handlers_the_dispatcher_refuses_to_start_naming_both()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().AddFeedDispatcher(_ => { }))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Feed dispatcher: no tenant to serve. Add tenants to Tenants, or set TenantSource, in AddFeedDispatcher(...).",
                "Feed dispatcher: no IItsmEventHandler is registered. Call AddFeedHandler(...) on the Itsm builder.",
            ],
            error.Failures);
    }

    [Fact]
    public void The_defaults_with_a_tenant_and_a_handler_are_valid()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().AddFeedHandler<NamedHandler>().AddFeedDispatcher(o => o.Tenants.Add(new TenantId("acme"))))
            .Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ItsmFeedDispatcherOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxBackoff);
    }

    [Fact]
    public void The_dispatcher_handlers_and_admin_are_registered_once_however_often_the_methods_are_called()
    {
        var services = new ServiceCollection();
        services.AddItsm(b => b.UseInMemory().AllowAllActions()
            .AddFeedHandler<NamedHandler>()
            .AddFeedHandler<NamedHandler>()
            .AddFeedDispatcher(o => o.Tenants.Add(new TenantId("acme")))
            .AddFeedDispatcher(o => o.BatchSize = 7));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ItsmFeedDispatcher>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.IsType<NamedHandler>(Assert.Single(provider.GetServices<IItsmEventHandler>()));
        Assert.Same(provider.GetRequiredService<ItsmFeedAdmin>(), provider.GetRequiredService<ItsmFeedAdmin>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        var options = provider.GetRequiredService<IOptions<ItsmFeedDispatcherOptions>>().Value;
        Assert.Equal(7, options.BatchSize);
        Assert.Equal([new TenantId("acme")], options.Tenants.ToArray());
    }

    [Fact]
    public void Null_arguments_are_refused_naming_the_parameter()
    {
        var builder = new ServiceCollection().AddItsm();

        Assert.Equal("handler", Assert.ThrowsAny<ArgumentException>(() => builder.AddFeedHandler(null!)).ParamName);
        Assert.Equal("configure", Assert.ThrowsAny<ArgumentException>(() => builder.AddFeedDispatcher(null!)).ParamName);
        Assert.Equal("builder", Assert.ThrowsAny<ArgumentException>(() => ItsmFeedBuilderExtensions.AddFeedHandler<NamedHandler>(null!)).ParamName);
    }
}
