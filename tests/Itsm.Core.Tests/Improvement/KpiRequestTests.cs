using System.Linq;
using Itsm.BusinessTime;
using Itsm.Improvement;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>The service request KPIs (docs/kpis.md): times to fulfil and to approve, and requests submitted, with their group slices.</summary>
public sealed class KpiRequestTests
{
    private static readonly Interval Week = new(Utc(2, 0), Utc(9, 0));

    private static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour, minute);

    /// <summary>
    /// R1 (P3): approval asked at 9:30 with Desk, approved at 11:30, assigned to Fulfilment, fulfilled the next day at 9:00.
    /// R2 (P4): approval asked, rejected 4 h later by Desk. R3 (P3): submitted before the week (Sunday noon), fulfilled in it (Monday 15:00) with no group.
    /// R4: submitted in the week and still waiting.
    /// </summary>
    private static KpiReport Report(BusinessCalendar? calendar = null)
    {
        var h = new KpiHistory();
        h.Add("ServiceRequest", "R1", Utc(2, 9), "Submit", "Submitted", ("item", "laptop"), ("priority", "3"))
            .Add("ServiceRequest", "R1", Utc(2, 9, 10), "Assign", "Submitted", ("group", "Desk"))
            .Add("ServiceRequest", "R1", Utc(2, 9, 30), "RequestApproval", "AwaitingApproval")
            .Add("ServiceRequest", "R1", Utc(2, 11, 30), "Approve", "Fulfilling")
            .Add("ServiceRequest", "R1", Utc(2, 12), "Assign", "Fulfilling", ("group", "Fulfilment"))
            .Add("ServiceRequest", "R1", Utc(3, 9), "Fulfil", "Fulfilled", ("notes", "delivered"));
        h.Add("ServiceRequest", "R2", Utc(2, 10), "Submit", "Submitted", ("item", "monitor"), ("priority", "4"))
            .Add("ServiceRequest", "R2", Utc(2, 10), "Assign", "Submitted", ("group", "Desk"))
            .Add("ServiceRequest", "R2", Utc(2, 11), "RequestApproval", "AwaitingApproval")
            .Add("ServiceRequest", "R2", Utc(2, 15), "Reject", "Rejected", ("reason", "no budget"));
        h.Add("ServiceRequest", "R3", Utc(1, 12), "Submit", "Submitted", ("item", "laptop"), ("priority", "3"))
            .Add("ServiceRequest", "R3", Utc(1, 13), "StartFulfilment", "Fulfilling")
            .Add("ServiceRequest", "R3", Utc(2, 15), "Fulfil", "Fulfilled", ("notes", "done"));
        h.Add("ServiceRequest", "R4", Utc(4, 8), "Submit", "Submitted", ("item", "phone"), ("priority", "5"));
        return KpiCalculator.Compute(h.Entries.OrderBy(e => e.At), KpiHistory.Tenant, Week, calendar: calendar);
    }

    [Fact]
    public void Fulfilment_counts_from_submission_under_the_group_that_fulfilled()
    {
        var report = Report();

        Assert.Equal(new KpiMeasure(24 + 27, 2), report.Overall[KpiId.MeanTimeToFulfil]);
        Assert.Equal(new KpiMeasure(24, 1), report.ByAssignmentGroup["Fulfilment"][KpiId.MeanTimeToFulfil]);
        Assert.Equal(new KpiMeasure(0, 0), report.ByAssignmentGroup["Desk"][KpiId.MeanTimeToFulfil]);
        Assert.Equal(new KpiMeasure(51, 2), report.ByPriority[3][KpiId.MeanTimeToFulfil]);
        Assert.Equal(25.5, report.Overall.Distribution(KpiId.MeanTimeToFulfil).Median);
    }

    [Fact]
    public void Approval_counts_from_the_request_to_the_decision_approved_or_rejected_under_the_group_at_the_decision()
    {
        var report = Report();

        Assert.Equal(new KpiMeasure(2 + 4, 2), report.Overall[KpiId.MeanTimeToApprove]);
        Assert.Equal(new KpiMeasure(6, 2), report.ByAssignmentGroup["Desk"][KpiId.MeanTimeToApprove]);
        Assert.Equal(new KpiMeasure(0, 0), report.ByAssignmentGroup["Fulfilment"][KpiId.MeanTimeToApprove]);
    }

    [Fact]
    public void Requests_submitted_count_those_submitted_in_the_period_under_their_group_at_the_end()
    {
        var report = Report();

        Assert.Equal(new KpiMeasure(3, 1), report.Overall[KpiId.RequestsSubmitted]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByAssignmentGroup["Fulfilment"][KpiId.RequestsSubmitted]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByAssignmentGroup["Desk"][KpiId.RequestsSubmitted]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByPriority[5][KpiId.RequestsSubmitted]);
        Assert.Equal(KpiDirection.LowerIsBetter, KpiDefinitions.DirectionOf(KpiId.RequestsSubmitted));
    }

    [Fact]
    public void Business_time_to_fulfil_counts_working_hours_only_and_has_no_value_without_a_calendar()
    {
        var nineToFive = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();

        // R1: Mon 2 Nov 9:00 to Tue 3 Nov 9:00 is 8 working hours; R3: Sun 1 Nov 12:00 to Mon 2 Nov 15:00 is 6.
        Assert.Equal(new KpiMeasure(8 + 6, 2), Report(nineToFive).Overall[KpiId.MeanBusinessTimeToFulfil]);
        Assert.Null(Report().Overall[KpiId.MeanBusinessTimeToFulfil].Value);
    }

    [Fact]
    public void A_request_counts_under_the_service_it_has_at_the_end_only_in_the_figures_it_measured()
    {
        var h = new KpiHistory();
        h.Add("ServiceRequest", "R1", Utc(2, 9), "Submit", "Submitted", ("item", "laptop"), ("priority", "3"), ("service", "Email"))
            .Add("ServiceRequest", "R1", Utc(2, 10), "ChangeService", "Submitted", ("service", "Workplace"), ("fromService", "Email"))
            .Add("ServiceRequest", "R1", Utc(2, 11), "StartFulfilment", "Fulfilling")
            .Add("ServiceRequest", "R1", Utc(2, 13), "Fulfil", "Fulfilled", ("notes", "delivered"));
        h.Add("ServiceRequest", "R2", Utc(1, 9), "Submit", "Submitted", ("item", "phone"), ("priority", "4"), ("service", "Telephony"));
        var report = KpiCalculator.Compute(h.Entries.OrderBy(e => e.At), KpiHistory.Tenant, Week);

        Assert.Equal(new KpiMeasure(4, 1), report.ByService["Workplace"][KpiId.MeanTimeToFulfil]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByService["Workplace"][KpiId.RequestsSubmitted]);
        Assert.False(report.ByService.ContainsKey("Email"));

        // Submitted before the week and nothing measured in it: no slice at all.
        Assert.False(report.ByService.ContainsKey("Telephony"));
    }
}
