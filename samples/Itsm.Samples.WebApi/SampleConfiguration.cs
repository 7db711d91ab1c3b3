using System;
using System.Collections.Generic;
using System.IO;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Sla;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Samples.WebApi;

/// <summary>
/// What this sample configures the engine with: one office calendar, one agreement with a response
/// and a resolution target, the change risk questionnaire, and a small service catalog. A real host would load these from
/// its own configuration (<c>BusinessCalendar.FromJson</c>, <c>Agreement.ListFromJson</c>).
/// </summary>
public static class SampleConfiguration
{
    /// <summary>The id under which <see cref="OfficeCalendar"/> is registered.</summary>
    public const string CalendarId = "office";

    /// <summary>The id of <see cref="StandardAgreement"/>.</summary>
    public const string AgreementId = "SLA-STD";

    /// <summary>Europe/London, Monday to Friday 09:00-17:00, Christmas and Boxing Day off.</summary>
    public static BusinessCalendar OfficeCalendar { get; } = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
        .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday).WithName("Christmas Day"))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 26).WithObservance(HolidayObservance.NextWeekday).WithName("Boxing Day"))
        .Build();

    /// <summary>
    /// The standard agreement: response (New until assigned) and resolution (paused on hold) on the
    /// office calendar, warnings at 50 % and 75 %.
    /// </summary>
    public static Agreement StandardAgreement { get; } = new(AgreementId, "Standard incident service", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything,
    [
        new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = Hours((Priority.Critical, 0.5), (Priority.High, 1), (Priority.Moderate, 4), (Priority.Low, 8), (Priority.Planning, 16)),
            CalendarId = CalendarId,
            WarningThresholds = [50.0, 75.0],
            Conditions = new SlaConditions
            {
                Start = SlaCondition.StateIn("New"),
                Stop = SlaCondition.StateIn("InProgress", "OnHold", "Resolved", "Closed"),
                Cancel = SlaCondition.StateIn("Canceled"),
            },
        },
        new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = Hours((Priority.Critical, 4), (Priority.High, 8), (Priority.Moderate, 24), (Priority.Low, 40), (Priority.Planning, 80)),
            CalendarId = CalendarId,
            WarningThresholds = [50.0, 75.0],
            Conditions = new SlaConditions
            {
                Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
                Pause = SlaCondition.StateIn("OnHold"),
                Stop = SlaCondition.StateIn("Resolved", "Closed"),
                Cancel = SlaCondition.StateIn("Canceled"),
            },
        },
    ]);

    /// <summary>
    /// The change risk questionnaire: <c>blastRadius</c> (<c>single</c> 0, <c>several</c> 1, <c>all</c> 3)
    /// and <c>tested</c> (<c>yes</c> 0, <c>no</c> 2); Moderate from 2 points, High from 3; any change
    /// touching <c>Payments</c> is High.
    /// </summary>
    public static RiskPolicy RiskPolicy { get; } = new(
        [
            new RiskQuestion("blastRadius", "How many users can the change affect?", new Dictionary<string, int>(StringComparer.Ordinal) { ["single"] = 0, ["several"] = 1, ["all"] = 3 }),
            new RiskQuestion("tested", "Was the change tested in a staging environment?", new Dictionary<string, int>(StringComparer.Ordinal) { ["yes"] = 0, ["no"] = 2 }),
        ],
        moderateFrom: 2,
        highFrom: 3,
        criticalServices: ["Payments"]);

    /// <summary>
    /// The service catalog requests are submitted against, by id: <c>laptop</c> (needs an approval),
    /// <c>password-reset</c> and <c>software</c> (no approval).
    /// </summary>
    public static IReadOnlyDictionary<string, CatalogItem> Catalog { get; } = new Dictionary<string, CatalogItem>(StringComparer.Ordinal)
    {
        ["laptop"] = new("laptop", requiresApproval: true),
        ["password-reset"] = new("password-reset", requiresApproval: false),
        ["software"] = new("software", requiresApproval: false),
    };

    /// <summary>The tenant that runs its own incident workflow (<see cref="ContosoIncidentWorkflow"/>); every other tenant runs the built-in lifecycle.</summary>
    public const string WorkflowTenant = "contoso";

    /// <summary>
    /// Tenant <see cref="WorkflowTenant"/>'s incident statuses, read from <c>workflows/contoso-incident.json</c> next to the
    /// application (the format of docs/workflow-json.md): Triage (entry; an incident cannot be assigned until triaged)
    /// and Ready inside New; Investigating (entry) and Awaiting Change (cannot be resolved) inside InProgress.
    /// Its named transitions run through <c>POST .../incidents/{id}/transition</c>.
    /// </summary>
    public static Workflow<IncidentState, IncidentCommand> ContosoIncidentWorkflow { get; } =
        WorkflowJson.ReadIncident(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "contoso-incident.json")));

    /// <summary>Change blackouts: none by default; a host would load its freeze periods here.</summary>
    public static IReadOnlyList<BlackoutWindow> Blackouts { get; } = [];

    private static Dictionary<Priority, Duration> Hours(params (Priority Priority, double Hours)[] targets)
    {
        var durations = new Dictionary<Priority, Duration>();
        foreach (var (priority, hours) in targets)
        {
            durations[priority] = Duration.FromMinutes((long)(hours * 60));
        }

        return durations;
    }
}
