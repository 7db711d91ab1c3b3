using System;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using NodaTime;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>The engine's service-model check over two stores on one file, as two processes would run it.</summary>
public sealed class SqliteServiceModelCheckTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Admin = new("cmdb.admin", "admin");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_model_edit_committed_through_another_store_on_the_file_is_seen_by_the_next_command()
    {
        var path = _directory.NewDatabase();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 14, 30));
        var editor = new ItsmEngine(new SqliteAggregateStore(new SqliteStoreOptions { Path = path }), ItsmAuthorizers.AllowAll, clock);
        var engine = new ItsmEngine(new SqliteAggregateStore(new SqliteStoreOptions { Path = path }), ItsmAuthorizers.AllowAll, clock);
        await editor.ServiceModels.CreateAsync(Tenant, ServiceModelRecordId.Only, Admin, new CreateServiceModel(new ServiceModelBuilder().Add(new SupportGroup("Network")).Build()));
        var incident = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, incident, Admin, new OpenIncident("caller", "Mail down", Impact.High, Urgency.High));
        for (var i = 0; i < 3; i++)
        {
            await engine.Incidents.ExecuteAsync(Tenant, incident, Admin, new AssignIncident(new SupportGroupId("Network"), i % 2 == 0 ? "alice" : "bob"));
        }

        await editor.ServiceModels.ExecuteAsync(Tenant, ServiceModelRecordId.Only, Admin, new RemoveSupportGroup(new SupportGroupId("Network")));

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Tenant, incident, Admin, new AssignIncident(new SupportGroupId("Network"), "carol")));
        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);
        Assert.Equal(4, (await engine.Incidents.GetAsync(Tenant, incident, Admin)).Version);
    }

    private sealed class FakeClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
