using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Approvals;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Services;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Hosting.Tests;

/// <summary>
/// The approval SLA through the engine and the worker (docs/approvals.md, "Approval SLA"), with a fake clock: a waiting
/// level's due instant is the record's due index entry, the worker records it overdue once (also when two workers
/// race), and never once the level was decided before its due instant.
/// </summary>
public sealed class ItsmSlaWorkerApprovalTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Desk = new("desk.dana", "itil");
    private static readonly Actor Manager = new("manager.mo", "manager");
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);

    private static readonly ApprovalChain Purchase = new("Purchase",
    [
        new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")], Duration.FromHours(8)),
        new ApprovalLevel("Finance", ApprovalRule.Any, [Approver.Role("finance")], Duration.FromHours(16)),
    ]);

    private readonly FakeClock _clock = new(Start);
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine NewEngine(IAggregateStore? store = null) => new(store ?? _store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions { ChangeAuthority = PeerReview() });

    private static ItsmSlaWorker NewWorker(ItsmEngine engine)
    {
        var options = new ItsmSlaWorkerOptions();
        options.Tenants.Add(Tenant);
        return new ItsmSlaWorker(engine, Microsoft.Extensions.Options.Options.Create(options), NullLogger<ItsmSlaWorker>.Instance, TimeProvider.System);
    }

    private async Task<ServiceRequestId> AwaitingAsync(ItsmEngine engine)
    {
        var id = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(Tenant, id, new Actor("caller.cy"), new SubmitServiceRequest(new CatalogItem("laptop", requiresApproval: true)));
        await engine.ServiceRequests.ExecuteAsync(Tenant, id, Desk, new RequestServiceRequestApproval { Chain = Purchase });
        return id;
    }

    private async Task<IReadOnlyList<ApprovalLevelOverdue>> OverdueAsync(string recordType, string id) =>
        (await _store.ReadHistoryAsync(Tenant, recordType, id)).Select(e => e.Event).OfType<ApprovalLevelOverdue>().ToList();

    [Fact]
    public async Task The_waiting_level_is_the_due_index_entry_and_is_recorded_overdue_once_at_its_due_instant()
    {
        var engine = NewEngine();
        var id = await AwaitingAsync(engine);
        var due = Start + Duration.FromHours(8);
        var summary = Assert.Single(await _store.QueryAsync(Tenant, new RecordQuery { OpenOnly = true }));
        Assert.Equal(due, summary.Index.SlaDueAt);
        var worker = NewWorker(engine);

        _clock.Reset(due - Duration.Epsilon);
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        _clock.Reset(due);
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);

        Assert.Equal([new ApprovalLevelOverdue("Manager", 0, due, ["role:manager"])], await OverdueAsync(ServiceRequest.RecordType, id.ToString()));
        Assert.Null(Assert.Single(await _store.QueryAsync(Tenant, new RecordQuery { OpenOnly = true })).Index.SlaDueAt);

        // A late decision still counts; the next level's due instant takes the index entry.
        _clock.Reset(due + Duration.FromHours(1));
        var approved = await engine.ServiceRequests.ExecuteAsync(Tenant, id, Manager, new ApproveServiceRequest());
        Assert.True(((ServiceRequestApprovalRecorded)approved.Events[0].Event).Timing!.IsLate(approved.Events[0].At));
        Assert.Equal(due + Duration.FromHours(17), approved.Index!.SlaDueAt);
    }

    [Fact]
    public async Task A_level_decided_or_rejected_before_its_due_instant_is_never_recorded_overdue()
    {
        var engine = NewEngine();
        var decided = await AwaitingAsync(engine);
        var rejected = await AwaitingAsync(engine);
        _clock.Reset(Start + Duration.FromHours(7));
        await engine.ServiceRequests.ExecuteAsync(Tenant, decided, Manager, new ApproveServiceRequest());
        await engine.ServiceRequests.ExecuteAsync(Tenant, decided, new Actor("fin.fay", "finance"), new ApproveServiceRequest());
        await engine.ServiceRequests.ExecuteAsync(Tenant, rejected, Manager, new RejectServiceRequest("Not this year."));

        _clock.Reset(Start + Duration.FromDays(3));
        Assert.Equal(0, (await NewWorker(engine).RunOnceAsync()).Recorded);
        Assert.Empty(await OverdueAsync(ServiceRequest.RecordType, decided.ToString()));
        Assert.Empty(await OverdueAsync(ServiceRequest.RecordType, rejected.ToString()));
    }

    [Fact]
    public async Task Two_workers_loading_the_same_version_record_the_overdue_once()
    {
        var engine = NewEngine();
        var ids = new[] { await AwaitingAsync(engine), await AwaitingAsync(engine), await AwaitingAsync(engine) };
        var racing = new RacingStore(_store);
        var a = NewWorker(engine);
        var b = NewWorker(NewEngine(racing));
        racing.BeforeFirstSave = async () => await a.RunOnceAsync();
        _clock.Reset(Start + Duration.FromHours(9));

        var byB = await b.RunOnceAsync();

        Assert.Equal(1, racing.Conflicts);
        Assert.Equal(0, byB.Recorded);
        foreach (var id in ids)
        {
            Assert.Single(await OverdueAsync(ServiceRequest.RecordType, id.ToString()));
        }
    }

    [Fact]
    public async Task A_change_waiting_in_authorize_is_recorded_overdue_and_an_edit_starts_a_new_run()
    {
        var engine = NewEngine();
        var id = ChangeId.New();
        await engine.Changes.CreateAsync(Tenant, id, Desk, new OpenChange(ChangeType.Normal, "Patch the relay", "Patch, test, back out if needed.", new ServiceId("email"), [], "impl.ida"));
        await engine.Changes.ExecuteAsync(Tenant, id, Desk, new SubmitChange());
        await engine.Changes.ExecuteAsync(Tenant, id, Desk, new AssessChangeRisk(RiskPolicy.Default, new Dictionary<string, string>(), false));
        await engine.Changes.ExecuteAsync(Tenant, id, Desk, new RequestChangeAuthorization());
        var worker = NewWorker(engine);

        _clock.Reset(Start + Duration.FromHours(4));
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        _clock.Reset(Start + Duration.FromHours(5));
        await engine.Changes.ExecuteAsync(Tenant, id, Desk, new EditChangePlan("A better plan."));
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        _clock.Reset(Start + Duration.FromHours(9));
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);

        Assert.Equal([Start + Duration.FromHours(4), Start + Duration.FromHours(9)], (await OverdueAsync(Change.RecordType, id.ToString())).Select(o => o.DueAt));
    }

    // Every authority is one peer-review level due in 4 hours.
    private static ChangeAuthorityPolicy PeerReview()
    {
        var chain = new ApprovalChain("Peer review", [new ApprovalLevel("Peer review", ApprovalRule.Any, [Approver.Role("peer")], Duration.FromHours(4))]);
        var authority = new ChangeAuthority("Peer review", chain);
        return new ChangeAuthorityPolicy(ChangeAuthorityPolicy.Default.Standard, authority, authority, authority, authority);
    }
}
