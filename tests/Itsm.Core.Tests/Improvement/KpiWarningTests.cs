using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Core.Tests.Improvement;

/// <summary>docs/kpis.md "Data-loss warnings" and the acknowledgement by StartWork or an Assign that starts work.</summary>
public sealed class KpiWarningTests
{
    private static readonly Interval Week = new(Utc(2, 0), Utc(9, 0));

    private static Instant Utc(int day, int hour) => Instant.FromUtc(2026, 11, day, hour, 0);

    [Fact]
    public void A_complete_history_has_no_warnings()
    {
        var report = KpiCalculator.Compute(KpiCalculatorTests.History().Entries, KpiHistory.Tenant, Week);

        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Entries_of_records_opened_before_the_entries_start_are_counted_and_named()
    {
        var h = new KpiHistory()
            .OpenIncident("I1", Utc(2, 9), "Email", 3)
            .Incident("I1", Utc(2, 10), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"));
        h.OpenIncident("I2", Utc(1, 9), "Email", 3)
            .Incident("I2", Utc(3, 9), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"))
            .Incident("I2", Utc(3, 10), "Reopen", "InProgress", ("reason", "again"));

        // A period read of the audit log: I2's opening is cut off.
        var cut = h.Entries.Where(e => !(e.RecordId == "I2" && e.Command == "Open")).ToList();
        var report = KpiCalculator.Compute(cut, KpiHistory.Tenant, Week);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal("ITSM-KPI-DATA-001", warning.Code);
        Assert.Equal(2, warning.Count);
        Assert.Equal("Incident I2", warning.Example);
        Assert.Contains("2 audit entries", warning.Message);

        // The reopen it would have shown is the data the warning is about: the rate reads 0 of 1.
        Assert.Equal(0.0, report.Overall[KpiId.ReopenRate].Value);
    }

    [Fact]
    public void Entries_whose_event_cannot_be_read_are_skipped_with_a_warning()
    {
        var h = new KpiHistory()
            .OpenIncident("I1", Utc(2, 9), "Email", 3)
            .Incident("I1", Utc(2, 10), "Teleport", "InProgress", ("where", "Mars"))
            .Incident("I1", Utc(2, 11), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"));

        var report = KpiCalculator.Compute(h.Entries, KpiHistory.Tenant, Week);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("ITSM-KPI-DATA-002", 1L, "Incident I1"), (warning.Code, warning.Count, warning.Example));
        Assert.Equal(1, report.Overall[KpiId.MeanTimeToResolve].Denominator);
    }

    [Fact]
    public void Acknowledged_is_the_first_move_from_New_to_InProgress_whatever_the_command()
    {
        var h = new KpiHistory()
            .OpenIncident("started", Utc(2, 9), "Email", 3)
            .Incident("started", Utc(2, 9), "Assign", "New", ("group", "Desk"))
            .Incident("started", Utc(2, 11), "StartWork", "InProgress")
            .OpenIncident("assigned", Utc(2, 9), "Email", 3)
            .Incident("assigned", Utc(2, 10), "Assign", "InProgress", ("assignee", "bob"))
            .OpenIncident("queued", Utc(2, 9), "Email", 3)
            .Incident("queued", Utc(2, 12), "Assign", "New", ("group", "Desk"));

        var report = KpiCalculator.Compute(h.Entries, KpiHistory.Tenant, Week);

        // 2 h and 1 h; the incident only queued to a group is not acknowledged.
        Assert.Equal(new KpiMeasure(3, 2), report.Overall[KpiId.MeanTimeToAcknowledge]);
        Assert.True(report.ByAssignmentGroup.ContainsKey("Desk"));
    }

    [Fact]
    public void Unassign_takes_the_incident_out_of_its_group_slice_but_not_the_acknowledgement_Desk_made()
    {
        var h = new KpiHistory()
            .OpenIncident("I1", Utc(2, 9), "Email", 3)
            .Incident("I1", Utc(2, 10), "Assign", "InProgress", ("group", "Desk"))
            .Incident("I1", Utc(2, 11), "Unassign", "InProgress", ("fromGroup", "Desk"));

        var report = KpiCalculator.Compute(h.Entries, KpiHistory.Tenant, Week);

        // Desk acknowledged it (1 h); at the end it belongs to no group, so its backlog counts nowhere.
        var desk = Assert.Single(report.ByAssignmentGroup).Value;
        Assert.Equal(new KpiMeasure(1, 1), desk[KpiId.MeanTimeToAcknowledge]);
        Assert.Equal(new KpiMeasure(0, 1), desk[KpiId.Backlog]);
        Assert.Equal(new KpiMeasure(1, 1), report.Overall[KpiId.Backlog]);
        Assert.Empty(report.Warnings);
    }
}
