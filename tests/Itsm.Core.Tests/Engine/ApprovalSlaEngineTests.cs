using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Approvals;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary>The engine's approval calendar (<see cref="ItsmEngineOptions.ApprovalCalendarId"/>): validated, and the due index counts in it.</summary>
public sealed class ApprovalSlaEngineTests
{
    private static readonly TenantId Tenant = new("acme");

    [Fact]
    public void An_approval_calendar_that_is_not_among_the_calendars_is_reported()
    {
        Assert.Equal(
            ["ApprovalCalendarId: the approval calendar 'nowhere' is not among the calendars."],
            new ItsmEngineOptions { ApprovalCalendarId = "nowhere" }.Validate());
    }

    [Fact]
    public async Task The_due_index_entry_counts_the_level_due_time_in_the_approval_calendar()
    {
        // Friday 16:00 plus 8 working hours on 09:00-17:00 is Monday 16:00.
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 4, 16, 0));
        var office = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions
        {
            Calendars = new Dictionary<string, BusinessCalendar> { ["office"] = office },
            ApprovalCalendarId = "office",
        });
        var id = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(Tenant, id, new Actor("caller"), new SubmitServiceRequest(new CatalogItem("laptop", requiresApproval: true)));
        var chain = new ApprovalChain("Purchase", [new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")], Duration.FromHours(8))]);

        var asked = await engine.ServiceRequests.ExecuteAsync(Tenant, id, new Actor("desk"), new RequestServiceRequestApproval { Chain = chain });

        var monday = Instant.FromUtc(2026, 12, 7, 16, 0);
        Assert.Equal(monday, asked.Index!.SlaDueAt);
        Assert.Null(engine.PendingApprovalOverdue(asked.Record, monday - Duration.Epsilon));
        Assert.Equal(monday, engine.PendingApprovalOverdue(asked.Record, monday));
    }

    [Fact]
    public async Task A_service_model_edit_while_awaiting_approval_moves_the_due_index_entry_to_the_restarted_level()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 7, 9, 0));
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, clock);
        var id = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(Tenant, id, new Actor("caller"), new SubmitServiceRequest(new CatalogItem("laptop", requiresApproval: true)));
        var chain = new ApprovalChain("Purchase",
        [
            new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")], Duration.FromHours(8)),
            new ApprovalLevel("Finance", ApprovalRule.Any, [Approver.Role("finance")], Duration.FromHours(16)),
        ]);
        await engine.ServiceRequests.ExecuteAsync(Tenant, id, new Actor("desk"), new RequestServiceRequestApproval { Chain = chain });
        clock.Advance(Duration.FromHours(2));
        var approved = await engine.ServiceRequests.ExecuteAsync(Tenant, id, new Actor("manager.brown", "manager"), new ApproveServiceRequest());
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 3, 0), approved.Index!.SlaDueAt);

        clock.Advance(Duration.FromHours(1));
        var edited = await engine.ServiceRequests.ExecuteAsync(Tenant, id, new Actor("desk"), new AssignServiceRequestToSupplier(new Itsm.Services.SupplierId("dell")));

        // The chain restarted at its first level at 12:00: the manager's 8 hours count from the edit.
        Assert.Equal(Instant.FromUtc(2026, 12, 7, 20, 0), edited.Index!.SlaDueAt);
        Assert.Equal(Instant.FromUtc(2026, 12, 7, 20, 0), edited.Record.ApprovalDueAt());
        Assert.Null(engine.PendingApprovalOverdue(edited.Record, Instant.FromUtc(2026, 12, 7, 20, 0) - Duration.Epsilon));
    }
}
