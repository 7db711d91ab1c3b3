using System.Linq;
using System.Threading.Tasks;
using Itsm.Approvals;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Persistence.Testing;

// The approval SLA in the due index: a waiting approval level's due instant is the record's SlaDueAt.
public abstract partial class AggregateStoreContract
{
    /// <summary>
    /// A request awaiting an approval level with a due time is stored with that due instant as its due index entry:
    /// found by <see cref="RecordQuery.SlaDueBefore"/> (and claimed, on a store with <see cref="ISlaDueClaims"/>) once it
    /// is due and not before; the next level's due instant replaces it when the level is met, and recording the level
    /// overdue clears it.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task An_approval_level_due_instant_is_the_due_index_entry_until_recorded_overdue()
    {
        var store = await NewStoreAsync();
        var clock = new SettableClock { Now = T0 };
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        var chain = new ApprovalChain("Purchase",
        [
            new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")], Duration.FromHours(8)),
            new ApprovalLevel("Finance", ApprovalRule.Any, [Approver.Role("finance")], Duration.FromHours(4)),
        ]);
        var id = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(TenantA, id, new Actor("caller"), new SubmitServiceRequest(new CatalogItem("laptop", requiresApproval: true)));
        await engine.ServiceRequests.ExecuteAsync(TenantA, id, new Actor("desk"), new RequestServiceRequestApproval { Chain = chain });
        var due = T0 + Duration.FromHours(8);

        Assert.Equal(due, Assert.Single(await store.QueryAsync(TenantA, new RecordQuery { OpenOnly = true })).Index.SlaDueAt);
        Assert.Empty(await store.QueryAsync(TenantA, new RecordQuery { SlaDueBefore = due }));
        Assert.Equal(id.ToString(), Assert.Single(await store.QueryAsync(TenantA, new RecordQuery { SlaDueBefore = due + Duration.Epsilon })).RecordId);
        if (store is ISlaDueClaims claims)
        {
            Assert.Empty(await claims.ClaimDueAsync(TenantA, due - Duration.Epsilon, 10, "contract", Duration.FromMinutes(1)));
            var claim = Assert.Single(await claims.ClaimDueAsync(TenantA, due, 10, "contract", Duration.FromMinutes(1)));
            Assert.Equal((ServiceRequest.RecordType, id.ToString(), due), (claim.RecordType, claim.RecordId, claim.DueAt));
            Assert.True(await claims.CompleteAsync(claim));
        }

        clock.Now = T0 + Duration.FromHours(1);
        await engine.ServiceRequests.ExecuteAsync(TenantA, id, new Actor("boss", "manager"), new ApproveServiceRequest());
        var financeDue = clock.Now + Duration.FromHours(4);
        Assert.Equal(financeDue, Assert.Single(await store.QueryAsync(TenantA, new RecordQuery { OpenOnly = true })).Index.SlaDueAt);

        clock.Now = financeDue;
        await engine.ServiceRequests.ExecuteAsync(TenantA, id, new Actor("itsm-sla-worker", "system"), new RecordServiceRequestApprovalOverdue());
        Assert.Null(Assert.Single(await store.QueryAsync(TenantA, new RecordQuery { OpenOnly = true })).Index.SlaDueAt);
        var overdue = (await store.ReadHistoryAsync(TenantA, ServiceRequest.RecordType, id.ToString())).Select(e => e.Event).OfType<ApprovalLevelOverdue>();
        Assert.Equal([new ApprovalLevelOverdue("Finance", 1, financeDue, ["role:finance"])], overdue);
    }

    private sealed class SettableClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
