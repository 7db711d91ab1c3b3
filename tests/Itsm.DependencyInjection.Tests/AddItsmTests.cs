using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.DependencyInjection;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.Sqlite;
using Itsm.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.DependencyInjection.Tests;

/// <summary>services.AddItsm(...): registrations, store choice, and validation at startup.</summary>
public sealed class AddItsmTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));
    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-di-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static OpenIncident OpenIncident(IncidentId id) => new("caller.jones", "Mail is down", Impact.High, Urgency.High);

    [Fact]
    public async Task An_in_memory_engine_resolves_and_runs_commands()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock))
            .Services.BuildServiceProvider();
        var incidents = provider.GetRequiredService<AggregateService<Incident, IncidentId>>();
        var id = IncidentId.New();

        await incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        Assert.Equal(_clock.GetCurrentInstant(), (await incidents.GetAsync(Tenant, id, Agent)).OpenedAt);
        Assert.Same(provider.GetRequiredService<ItsmEngine>().Incidents, incidents);
        Assert.IsType<InMemoryAggregateStore>(provider.GetRequiredService<IAggregateStore>());
        Assert.Same(_clock, provider.GetRequiredService<IClock>());
    }

    [Fact]
    public void TraceTenant_configured_on_ItsmOptions_reaches_the_engine()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock))
            .Services.Configure<ItsmOptions>(o => o.TraceTenant = true)
            .BuildServiceProvider();

        Assert.True(provider.GetRequiredService<ItsmEngine>().Options.TraceTenant);
        Assert.False(new ItsmOptions().ToEngineOptions().TraceTenant);
    }

    [Fact]
    public async Task A_sqlite_engine_keeps_records_across_containers()
    {
        var path = Path.Combine(_directory, "itsm.db");
        var id = IncidentId.New();
        using (var first = new ServiceCollection().AddItsm(b => b.UseSqlite(path).AllowAllActions().UseClock(_clock)).Services.BuildServiceProvider())
        {
            await first.GetRequiredService<ItsmEngine>().Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));
        }

        using var second = new ServiceCollection().AddItsm(b => b.UseSqlite(path).AllowAllActions().UseClock(_clock)).Services.BuildServiceProvider();

        Assert.Equal(1, (await second.GetRequiredService<ItsmEngine>().Incidents.GetAsync(Tenant, id, Agent)).Version);
        Assert.IsType<SqliteAggregateStore>(second.GetRequiredService<IAggregateStore>());
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_sqlite_store_it_created()
    {
        var provider = new ServiceCollection().AddItsm(b => b.UseSqlite(Path.Combine(_directory, "itsm.db")).AllowAllActions().UseClock(_clock)).Services.BuildServiceProvider();
        var store = provider.GetRequiredService<IAggregateStore>();
        await store.LoadAsync(Tenant, "Incident", "INC-1");

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync(Tenant, "Incident", "INC-1"));
    }

    [Fact]
    public void Without_a_store_or_an_authorizer_the_engine_refuses_to_start_naming_both()
    {
        using var provider = new ServiceCollection().AddItsm().Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ItsmEngine>());

        Assert.Equal(
            [
                "Store: no store is chosen. Call UseSqlite(path), UsePostgreSql(connectionString), UseInMemory() or UseStore(...) on the Itsm builder.",
                "Authorizer: no IItsmAuthorizer is registered, and the engine fails closed. Call AuthorizeWith(...) on the Itsm builder (or AllowAllActions() in tests and samples).",
            ],
            error.Failures);
    }

    [Fact]
    public void Validation_runs_at_startup_and_lists_every_problem()
    {
        var agreement = new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything,
        [
            new SlaTarget
            {
                Metric = SlaMetric.Resolution,
                Durations = new System.Collections.Generic.Dictionary<Priority, Duration> { [Priority.High] = Duration.FromHours(8) },
                CalendarId = "uk-office",
                Conditions = new SlaConditions { Start = SlaCondition.StateIn("New"), Stop = SlaCondition.StateIn("Resolved") },
            },
        ]);
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseSqlite(new SqliteStoreOptions { Path = _directory }).AllowAllActions().AddAgreements(agreement))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Agreements: agreement 'SLA-1' runs on calendar 'uk-office', which is not among the calendars.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("SQLite store: ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_postgresql_setting_is_reported_at_startup()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UsePostgreSql(new PostgreSqlStoreOptions { ConnectionString = "Host=127.0.0.1", Schema = "bad schema" }).AllowAllActions())
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("PostgreSQL store: ", StringComparison.Ordinal));
        Assert.Equal("connectionString", Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddItsm().UsePostgreSql(" ")).ParamName);
    }

    [Fact]
    public void Calendars_and_agreements_reach_the_engine()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().AddCalendar("all-day", calendar).UseIncidentOptions(IncidentOptions.Default))
            .Services.BuildServiceProvider();

        var options = provider.GetRequiredService<ItsmEngine>().Options;

        Assert.Same(calendar, options.Calendars["all-day"]);
        Assert.Same(IncidentOptions.Default, options.Incidents);
    }

    [Fact]
    public void The_sla_calendar_resolver_reaches_the_engine_and_null_is_refused()
    {
        SlaCalendarResolver resolver = (snapshot, agreement, target) => snapshot.Service is { } service ? "calendar-" + service : null;
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseSlaCalendarResolver(resolver))
            .Services.BuildServiceProvider();

        Assert.Same(resolver, provider.GetRequiredService<ItsmEngine>().Options.SlaCalendarResolver);
        Assert.Throws<ArgumentNullException>("resolver", () => new ServiceCollection().AddItsm(b => b.UseSlaCalendarResolver(null!)));
    }

    [Fact]
    public async Task A_tenants_own_incident_options_reach_the_engine_and_apply_at_create()
    {
        var globex = new TenantId("globex");
        var matrix = new PriorityMatrix(Enum.GetValues<Impact>().SelectMany(i => Enum.GetValues<Urgency>().Select(u => (i, u)))
            .ToDictionary(p => p, p => new Priority(((int)p.i * (int)p.u % 5) + 1)));
        var own = new IncidentOptions { PriorityMatrix = matrix };
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseIncidentOptions(globex, own))
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ItsmEngine>();
        var id = IncidentId.New();

        var created = await engine.Incidents.CreateAsync(globex, id, Agent, new OpenIncident("caller", "Mail down", Impact.Medium, Urgency.Low));

        Assert.Same(own, engine.Options.IncidentOptionsFor(globex));
        Assert.Same(IncidentOptions.Default, engine.Options.IncidentOptionsFor(Tenant));
        Assert.Equal(new Priority(2), created.Record.Priority);
        Assert.Equal(new Priority(2), (await engine.Incidents.GetAsync(globex, id, Agent)).Priority);
    }

    [Fact]
    public void Choosing_two_stores_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddItsm(b => b.UseInMemory().UseSqlite(Path.Combine(_directory, "x.db"))));

        Assert.Equal("A store is already chosen (the in-memory store); choose one store only.", error.Message);
    }

    [Fact]
    public void Adding_the_engine_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddItsm(b => b.UseInMemory());

        Assert.Throws<InvalidOperationException>(() => services.AddItsm());
    }

    [Fact]
    public async Task A_hosts_own_registration_made_first_wins()
    {
        var denyAll = ItsmAuthorizers.FromRule((_, _, _) => false);
        var services = new ServiceCollection();
        services.AddSingleton(denyAll);
        using var provider = services.AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock)).Services.BuildServiceProvider();
        var id = IncidentId.New();

        Assert.Same(denyAll, provider.GetRequiredService<IItsmAuthorizer>());
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => provider.GetRequiredService<ItsmEngine>().Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id)));
    }

    [Fact]
    public async Task Events_go_to_the_registered_publisher()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseInMemory().AllowAllActions().UseClock(_clock).PublishEventsTo<CountingPublisher>())
            .Services.BuildServiceProvider();
        var id = IncidentId.New();

        await provider.GetRequiredService<ItsmEngine>().Incidents.CreateAsync(Tenant, id, Agent, OpenIncident(id));

        Assert.Equal(1, ((CountingPublisher)provider.GetRequiredService<IDomainEventPublisher>()).Count);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var builder = new ServiceCollection().AddItsm();

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ItsmServiceCollectionExtensions.AddItsm(null!)).ParamName);
        Assert.Equal("path", Assert.ThrowsAny<ArgumentException>(() => builder.UseSqlite(" ")).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => builder.AddCalendar("", BusinessCalendar.TwentyFourSeven)).ParamName);
        Assert.Equal("clock", Assert.ThrowsAny<ArgumentException>(() => builder.UseClock(null!)).ParamName);
    }

    internal sealed class CountingPublisher : IDomainEventPublisher
    {
        public int Count { get; private set; }

        public ValueTask PublishAsync(System.Collections.Generic.IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
        {
            Count += events.Count;
            return ValueTask.CompletedTask;
        }
    }
}
