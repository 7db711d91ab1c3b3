using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.ServiceModelRecords;
using Itsm.Services;

namespace Itsm.Persistence.Testing;

// Several records in one call (IAggregateStore.LoadManyAsync), states left out when the caller holds their version,
// and the engine's service-model check that reads through it.
public abstract partial class AggregateStoreContract
{
    /// <summary>LoadManyAsync returns one result per load, in order: absent records as version 0, others as LoadAsync reads them; a key may repeat.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LoadMany_returns_each_record_in_the_order_asked_and_absent_ones_as_version_0()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 2);
        await CreateAsync(store, TenantA, ProblemType, "PRB-1");
        await CreateAsync(store, TenantB, IncidentType, "INC-2");

        var loaded = await store.LoadManyAsync(TenantA, [new(ProblemType, "PRB-1"), new(IncidentType, "INC-2"), new(IncidentType, "INC-1"), new(ProblemType, "PRB-1")]);

        Assert.Equal(4, loaded.Count);
        Assert.Equal(await store.LoadAsync(TenantA, ProblemType, "PRB-1"), loaded[0].Record);
        Assert.Equal(new LoadedRecord(1, loaded[0].Record), loaded[0]);
        Assert.Equal(default, loaded[1]); // INC-2 is tenant B's: nothing reads across tenants.
        Assert.False(loaded[1].Exists);
        Assert.Equal(await store.LoadAsync(TenantA, IncidentType, "INC-1"), loaded[2].Record);
        Assert.Equal(2, loaded[2].Version);
        Assert.Equal(1, loaded[2].Record!.Number);
        Assert.Equal(loaded[0], loaded[3]);
    }

    /// <summary>A load naming the stored version as known returns that version without the record; any other known version returns the record.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LoadMany_leaves_out_the_state_of_a_record_at_the_known_version_only()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 3);

        var loaded = await store.LoadManyAsync(TenantA, [new(IncidentType, "INC-1", 3), new(IncidentType, "INC-1", 2), new(IncidentType, "INC-1", 4), new(IncidentType, "INC-9", 3)]);

        Assert.Equal(new LoadedRecord(3, null), loaded[0]);
        Assert.True(loaded[0].Unchanged);
        Assert.Equal(DefaultState("INC-1", 3), loaded[1].Record?.State);
        Assert.False(loaded[1].Unchanged);
        Assert.Equal(DefaultState("INC-1", 3), loaded[2].Record?.State);
        Assert.Equal(default, loaded[3]);

        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 3));
        var after = Assert.Single(await store.LoadManyAsync(TenantA, [new(IncidentType, "INC-1", 3)]));
        Assert.Equal(4, after.Version);
        Assert.Equal(DefaultState("INC-1", 4), after.Record?.State);
    }

    /// <summary>LoadManyAsync refuses a missing tenant, no loads, too many, an invalid key and a negative known version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LoadMany_refuses_bad_arguments()
    {
        var store = await NewStoreAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LoadManyAsync(default, [new(IncidentType, "INC-1")]));
        await Assert.ThrowsAsync<ArgumentNullException>("loads", () => store.LoadManyAsync(TenantA, null!));
        await Assert.ThrowsAsync<ArgumentException>("loads", () => store.LoadManyAsync(TenantA, []));
        await Assert.ThrowsAsync<ArgumentException>("loads", () => store.LoadManyAsync(TenantA, Enumerable.Range(0, StoreArguments.MaxLoads + 1).Select(i => new RecordLoad(IncidentType, "INC-" + i)).ToArray()));
        await Assert.ThrowsAsync<ArgumentException>("recordId", () => store.LoadManyAsync(TenantA, [new(IncidentType, "INC-1"), new(IncidentType, " ")]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("loads", () => store.LoadManyAsync(TenantA, [new(IncidentType, "INC-1", -1)]));
        Assert.Equal(StoreArguments.MaxLoads, (await store.LoadManyAsync(TenantA, Enumerable.Range(0, StoreArguments.MaxLoads).Select(i => new RecordLoad(IncidentType, "INC-" + i)).ToArray())).Count);
    }

    /// <summary>
    /// For any records saved and any loads (existing or not, known version right, wrong or none), LoadManyAsync gives what a
    /// LoadAsync of each key gives, with the record left out exactly where the known version is the stored one (PropertyRuns runs).
    /// </summary>
    [Fact]
    public void LoadMany_agrees_with_LoadAsync_for_any_records_and_loads()
    {
        var records = Gen.ArrayOf(Gen.Choose(0, 3), 4); // entries saved per record INC-0..3 (0: never created)
        var load = Gen.Choose(0, 4).SelectMany(id => Gen.Choose(0, 4).Select(known => (Id: id, Known: known)));
        var gen = records.SelectMany(r => Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(load, n)).Select(l => (Records: r, Loads: l)));
        var property = Prop.ForAll(gen.ToArbitrary(), c => RunOnFreshStore(async store =>
        {
            for (var i = 0; i < c.Records.Length; i++)
            {
                if (c.Records[i] > 0)
                {
                    await store.SaveAsync(Write(TenantA, IncidentType, "INC-" + i, 0, entries: c.Records[i]));
                }
            }

            var loads = c.Loads.Select(l => new RecordLoad(IncidentType, "INC-" + l.Id, l.Known)).ToArray();
            var loaded = await store.LoadManyAsync(TenantA, loads);
            Assert.Equal(loads.Length, loaded.Count);
            for (var i = 0; i < loads.Length; i++)
            {
                var single = await store.LoadAsync(TenantA, IncidentType, loads[i].RecordId);
                var expected = single is null ? default
                    : single.Version == loads[i].KnownVersion ? new LoadedRecord(single.Version, null)
                    : new LoadedRecord(single.Version, single);
                Assert.Equal(expected, loaded[i]);
            }
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns), property);
    }

    /// <summary>
    /// An edit of the service model committed through another engine over the same store is seen by the next command of an
    /// engine that already checked commands against (and holds) the model before: a group removed elsewhere is refused
    /// next, and a group added elsewhere is accepted next.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_service_model_edit_by_another_engine_is_seen_by_the_next_command()
    {
        var store = await NewStoreAsync();
        var clock = new FixedClock(T0);
        var actor = new Actor("cmdb.admin", "admin");
        var model = new ServiceModelBuilder().Add(new SupportGroup("Messaging")).Add(new SupportGroup("Network")).Build();
        var editor = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        await editor.ServiceModels.CreateAsync(TenantA, ServiceModelRecordId.Only, actor, new CreateServiceModel(model));

        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        var incident = IncidentId.New();
        await engine.Incidents.CreateAsync(TenantA, incident, actor, new OpenIncident("caller", "Mail down", Impact.High, Urgency.High));
        await engine.Incidents.ExecuteAsync(TenantA, incident, actor, new AssignIncident(new SupportGroupId("Network")));
        await engine.Incidents.ExecuteAsync(TenantA, incident, actor, new AssignIncident(new SupportGroupId("Messaging")));

        await editor.ServiceModels.ExecuteAsync(TenantA, ServiceModelRecordId.Only, actor, new RemoveSupportGroup(new SupportGroupId("Network")));
        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(TenantA, incident, actor, new AssignIncident(new SupportGroupId("Network"))));
        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);

        await editor.ServiceModels.ExecuteAsync(TenantA, ServiceModelRecordId.Only, actor, new AddSupportGroup(new SupportGroup("Database")));
        var assigned = await engine.Incidents.ExecuteAsync(TenantA, incident, actor, new AssignIncident(new SupportGroupId("Database")));
        Assert.Equal(new SupportGroupId("Database"), assigned.Record.AssignmentGroup);

        // A create checks against the current model through the same version check.
        var opening = new OpenIncident("caller", "Pay down", Impact.Low, Urgency.Low, new ServiceId("pay"));
        var unknown = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.CreateAsync(TenantA, IncidentId.New(), actor, opening));
        Assert.Equal(ServiceModel.UnknownReferenceCode, unknown.Code);
        await editor.ServiceModels.ExecuteAsync(TenantA, ServiceModelRecordId.Only, actor, new AddService(new Service("pay", "Payments")));
        Assert.Equal(1, (await engine.Incidents.CreateAsync(TenantA, IncidentId.New(), actor, opening)).Version);
    }
}
