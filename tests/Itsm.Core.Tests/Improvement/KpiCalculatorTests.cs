using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Sla;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The KPIs of a small fixed history (the week of Monday 2026-11-02, UTC), against values computed
/// by hand; the comments give the arithmetic.
/// </summary>
public sealed class KpiCalculatorTests
{
    private static readonly Instant Start = Utc(11, 2, 0);
    private static readonly Instant End = Utc(11, 9, 0);
    private static readonly Interval Week = new(Start, End);

    private static Instant Utc(int month, int day, int hour, int minute = 0) => Instant.FromUtc(2026, month, day, hour, minute);

    /// <summary>
    /// Incidents: I1 (Email, P2, Network) acknowledged after 0.5 h, resolved, reopened, resolved again
    /// 27 h after opening; I2 (Email, P3, Desk) acknowledged after 2 h, resolved after 4 h, caused by C1;
    /// I3 (Web, P1, Network) major, acknowledged after 1 h, caused by C1, open at the end (112 h old);
    /// I4 (Web, P3) opened the week before, still new (228 h old); I5 (Email, P4) new (12 h old), its
    /// assignment after the end ignored; I6 (Email, P3, Desk) opened in October, reopened and resolved
    /// again in the week, 341 h after opening; X1 another tenant's.
    /// </summary>
    internal static KpiHistory History()
    {
        var h = new KpiHistory();
        h.OpenIncident("I1", Utc(11, 2, 9), "Email", 2)
            .Incident("I1", Utc(11, 2, 9, 30), "Assign", "InProgress", ("group", "Network"))
            .Incident("I1", Utc(11, 2, 13), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"))
            .Incident("I1", Utc(11, 3, 10), "Reopen", "InProgress", ("reason", "again"))
            .Incident("I1", Utc(11, 3, 12), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"));
        h.OpenIncident("I2", Utc(11, 2, 10), "Email", 3)
            .Incident("I2", Utc(11, 2, 11), "LinkCausedByChange", "New", ("change", "C1"))
            .Incident("I2", Utc(11, 2, 12), "Assign", "InProgress", ("group", "Desk"))
            .Incident("I2", Utc(11, 2, 14), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"));
        h.OpenIncident("I3", Utc(11, 4, 8), "Web", 1)
            .Incident("I3", Utc(11, 4, 8, 10), "PromoteToMajor", "New", ("reason", "outage"))
            .Incident("I3", Utc(11, 4, 9), "Assign", "InProgress", ("group", "Network"))
            .Incident("I3", Utc(11, 4, 9, 30), "LinkCausedByChange", "InProgress", ("change", "C1"));
        h.OpenIncident("I4", Utc(10, 30, 12), "Web", 3);
        h.OpenIncident("I5", Utc(11, 8, 12), "Email", 4)
            .Incident("I5", Utc(11, 9, 1), "Assign", "InProgress", ("group", "Desk"));
        h.OpenIncident("I6", Utc(10, 20, 10), "Email", 3)
            .Incident("I6", Utc(10, 20, 11), "Assign", "InProgress", ("group", "Desk"))
            .Incident("I6", Utc(10, 25, 10), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"))
            .Incident("I6", Utc(11, 3, 9), "Reopen", "InProgress", ("reason", "again"))
            .Incident("I6", Utc(11, 3, 15), "Resolve", "Resolved", ("resolutionCode", "SolvedPermanently"));
        h.OpenIncident("X1", Utc(11, 3, 9), "Email", 1, KpiHistory.OtherTenant);

        // Changes: C1 succeeded but caused incidents; C2 emergency, succeeded; C3 opened before, failed; C4 still open.
        h.OpenChange("C1", Utc(11, 2, 8), "Normal", "Email").CloseChange("C1", Utc(11, 2, 10, 30), "Successful");
        h.OpenChange("C2", Utc(11, 3, 8), "Emergency", "Email").CloseChange("C2", Utc(11, 3, 20), "Successful");
        h.OpenChange("C3", Utc(10, 28, 8), "Standard", "Web").CloseChange("C3", Utc(11, 5, 8), "Failed");
        h.OpenChange("C4", Utc(11, 6, 8), "Normal", "Web");

        // Problems: P1 known error in the week; P2 none; P3 known error before the week.
        h.Add("Problem", "P1", Utc(11, 1, 9), "Open", "New", ("service", "Email"))
            .Add("Problem", "P1", Utc(11, 4, 9), "MarkAsKnownError", "RootCauseAnalysis", ("symptom", "s"));
        h.Add("Problem", "P2", Utc(11, 2, 9), "Open", "New", ("service", "Web"));
        h.Add("Problem", "P3", Utc(10, 1, 9), "Open", "New", ("service", "Web"))
            .Add("Problem", "P3", Utc(10, 15, 9), "MarkAsKnownError", "RootCauseAnalysis", ("symptom", "s"));

        // Interactions: answered; incident resolved on first contact; incident not; request; answered before the week.
        h.Add("Interaction", "N1", Utc(11, 2, 9), "Answer", "Answered", ("answer", "a"));
        h.Add("Interaction", "N2", Utc(11, 2, 9), "ClassifyAsIncident", "Incident", ("incident", "00000000-0000-0000-0000-0000000000a1"), ("resolvedOnFirstContact", "true"));
        h.Add("Interaction", "N3", Utc(11, 2, 10), "ClassifyAsIncident", "Incident", ("incident", "00000000-0000-0000-0000-0000000000a2"), ("resolvedOnFirstContact", "false"));
        h.Add("Interaction", "N4", Utc(11, 3, 10), "ClassifyAsServiceRequest", "ServiceRequest", ("request", "00000000-0000-0000-0000-0000000000b1"));
        h.Add("Interaction", "N5", Utc(10, 31, 10), "Answer", "Answered", ("answer", "a"));

        // Interleave the records by time (each record stays in order).
        h.Entries.Sort((a, b) => a.At.CompareTo(b.At));
        return h;
    }

    private static KpiReport Report(IEnumerable<(string, SlaStatus)>? sla = null, BusinessCalendar? calendar = null) =>
        KpiCalculator.Compute(History().Entries, KpiHistory.Tenant, Week, sla, calendar);

    private static void AssertMeasure(double numerator, long denominator, KpiMeasure actual)
    {
        Assert.Equal(denominator, actual.Denominator);
        Assert.Equal(numerator, actual.Numerator, 9);
    }

    [Fact]
    public void Compute_IncidentKpis_MatchHandComputedValues()
    {
        var overall = Report().Overall;

        AssertMeasure(0.5 + 2 + 1, 3, overall[KpiId.MeanTimeToAcknowledge]);
        AssertMeasure(27 + 4 + 341, 3, overall[KpiId.MeanTimeToResolve]);
        AssertMeasure(2, 3, overall[KpiId.ReopenRate]);
        AssertMeasure(3, 1, overall[KpiId.Backlog]);
        AssertMeasure(112 + 228 + 12, 3, overall[KpiId.BacklogMeanAge]);
        AssertMeasure(4, 1, overall[KpiId.IncidentsOpened]);
        AssertMeasure(1, 1, overall[KpiId.MajorIncidents]);
        AssertMeasure(1, 1, overall[KpiId.ChangesCausingIncidents]);
        Assert.Equal(124, overall[KpiId.MeanTimeToResolve].Value!.Value, 9);
    }

    [Fact]
    public void Compute_WithoutCalendar_LeavesBusinessTimesWithoutValue()
    {
        var overall = Report().Overall;

        Assert.Null(overall[KpiId.MeanBusinessTimeToAcknowledge].Value);
        Assert.Null(overall[KpiId.MeanBusinessTimeToResolve].Value);
    }

    [Fact]
    public void Compute_WithCalendar_CountsBusinessHoursOnly()
    {
        var calendar = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();

        var overall = Report(calendar: calendar).Overall;

        // I3 was opened at 08:00 and acknowledged at 09:00: no business time.
        AssertMeasure(0.5 + 2 + 0, 3, overall[KpiId.MeanBusinessTimeToAcknowledge]);

        // I1 Mon 09:00 to Tue 12:00 = 8 + 3; I2 = 4; I6 Tue 20 Oct 10:00 to Tue 3 Nov 15:00 = 7 + 24 + 40 + 8 + 6.
        AssertMeasure(11 + 4 + 85, 3, overall[KpiId.MeanBusinessTimeToResolve]);
    }

    [Fact]
    public void Compute_PerService_SplitsIncidentsProblemsAndChanges()
    {
        var report = Report();
        var email = report.ByService["Email"];
        var web = report.ByService["Web"];

        Assert.Equal(["Email", "Web"], report.ByService.Keys.Order());
        AssertMeasure(0.5 + 2, 2, email[KpiId.MeanTimeToAcknowledge]);
        AssertMeasure(27 + 4 + 341, 3, email[KpiId.MeanTimeToResolve]);
        AssertMeasure(1, 1, email[KpiId.Backlog]);
        AssertMeasure(3, 1, email[KpiId.IncidentsOpened]);
        AssertMeasure(1, 1, email[KpiId.ProblemsWithKnownErrors]);
        AssertMeasure(1, 1, email[KpiId.ChangesCausingIncidents]);
        AssertMeasure(1, 2, email[KpiId.ChangeSuccessRate]);
        AssertMeasure(1, 2, email[KpiId.EmergencyChangeRatio]);

        AssertMeasure(1, 1, web[KpiId.MeanTimeToAcknowledge]);
        AssertMeasure(2, 1, web[KpiId.Backlog]);
        AssertMeasure(112 + 228, 2, web[KpiId.BacklogMeanAge]);
        AssertMeasure(1, 1, web[KpiId.MajorIncidents]);
        AssertMeasure(0, 1, web[KpiId.ProblemsWithKnownErrors]);
        AssertMeasure(0, 1, web[KpiId.ChangeSuccessRate]);
        AssertMeasure(0, 1, web[KpiId.EmergencyChangeRatio]);
        Assert.Null(web[KpiId.MeanTimeToResolve].Value);
    }

    [Fact]
    public void Compute_PerGroupAndPriority_CountsEachFigureWhereTheIncidentStoodWhenMeasured()
    {
        var report = Report();

        Assert.Equal(["Desk", "Network"], report.ByAssignmentGroup.Keys.Order());
        AssertMeasure(0.5 + 1, 2, report.ByAssignmentGroup["Network"][KpiId.MeanTimeToAcknowledge]);
        AssertMeasure(4 + 341, 2, report.ByAssignmentGroup["Desk"][KpiId.MeanTimeToResolve]);
        AssertMeasure(1, 2, report.ByAssignmentGroup["Desk"][KpiId.ReopenRate]);

        Assert.Equal([1, 2, 3, 4], report.ByPriority.Keys.Order());
        AssertMeasure(1, 1, report.ByPriority[1][KpiId.MajorIncidents]);
        AssertMeasure(1, 1, report.ByPriority[3][KpiId.Backlog]);
        AssertMeasure(4 + 341, 2, report.ByPriority[3][KpiId.MeanTimeToResolve]);
        AssertMeasure(1, 1, report.ByPriority[4][KpiId.Backlog]);
    }

    [Fact]
    public void Compute_ChangeKpis_MatchHandComputedValues()
    {
        var overall = Report().Overall;

        // Closed in the week: C1 (caused incidents), C2 (succeeded), C3 (failed).
        AssertMeasure(1, 3, overall[KpiId.ChangeSuccessRate]);

        // Opened in the week: C1, C2 (emergency), C4.
        AssertMeasure(1, 3, overall[KpiId.EmergencyChangeRatio]);
    }

    [Fact]
    public void Compute_ProblemsAndInteractions_MatchHandComputedValues()
    {
        var overall = Report().Overall;

        AssertMeasure(1, 1, overall[KpiId.ProblemsWithKnownErrors]);
        AssertMeasure(2, 4, overall[KpiId.FirstContactResolutionRate]);
    }

    [Fact]
    public void Compute_SlaCompliance_IsAchievedOverEndedClocksPerAgreement()
    {
        static SlaStatus Ended(SlaStage stage, Instant at) => new() { Stage = stage, IsActive = false, EndedAt = at };
        var outcomes = new List<(string, SlaStatus)>
        {
            ("SLA-Gold", Ended(SlaStage.Achieved, Utc(11, 3, 9))),
            ("SLA-Gold", Ended(SlaStage.Breached, Utc(11, 4, 9))),
            ("SLA-Gold", new SlaStatus { Stage = SlaStage.InProgress, IsActive = true }),
            ("SLA-Gold", Ended(SlaStage.Cancelled, Utc(11, 4, 9))),
            ("OLA-Net", Ended(SlaStage.Achieved, Utc(11, 5, 9))),
            ("OLA-Net", Ended(SlaStage.Achieved, Utc(10, 30, 9))),
        };

        var report = Report(outcomes);

        AssertMeasure(1, 2, report.SlaComplianceByAgreement["SLA-Gold"]);
        AssertMeasure(1, 1, report.SlaComplianceByAgreement["OLA-Net"]);
        AssertMeasure(2, 3, report.Overall[KpiId.SlaCompliance]);
    }

    [Fact]
    public void Compute_EmptyHistory_GivesCountsOfZeroAndRatesWithoutValue()
    {
        var report = KpiCalculator.Compute([], KpiHistory.Tenant, Week);

        Assert.Equal(0, report.Overall[KpiId.Backlog].Value);
        Assert.Equal(0, report.Overall[KpiId.IncidentsOpened].Value);
        Assert.Null(report.Overall[KpiId.ReopenRate].Value);
        Assert.Null(report.Overall[KpiId.ChangeSuccessRate].Value);
        Assert.Null(report.Overall[KpiId.SlaCompliance].Value);
        Assert.Empty(report.ByService);
        Assert.Empty(report.SlaComplianceByAgreement);
    }

    [Fact]
    public void Compute_EntriesOfOneRecordOutOfOrder_Throws()
    {
        var h = new KpiHistory();
        h.OpenIncident("I1", Utc(11, 3, 9), "Email", 2).Incident("I1", Utc(11, 3, 8), "Assign", "InProgress", ("group", "Desk"));

        var error = Assert.Throws<ArgumentException>(() => KpiCalculator.Compute(h.Entries, KpiHistory.Tenant, Week));

        Assert.Equal("entries", error.ParamName);
        Assert.StartsWith("The audit entries of Incident I1 are not in time order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("entries", Assert.Throws<ArgumentException>(() => KpiCalculator.Compute(null!, KpiHistory.Tenant, Week)).ParamName);
        Assert.Equal("entries", Assert.Throws<ArgumentException>(() => KpiCalculator.Compute([null!], KpiHistory.Tenant, Week)).ParamName);
        Assert.Equal("tenant", Assert.Throws<ArgumentException>(() => KpiCalculator.Compute([], default, Week)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentException>(() => KpiCalculator.Compute([], KpiHistory.Tenant, new Interval(Start, null))).ParamName);
        Assert.Equal("slaOutcomes", Assert.Throws<ArgumentException>(() => KpiCalculator.Compute([], KpiHistory.Tenant, Week, [(" ", default)])).ParamName);
    }
}
