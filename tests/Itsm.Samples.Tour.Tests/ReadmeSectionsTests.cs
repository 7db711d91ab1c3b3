using System;
using System.IO;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.Tour.Tests;

/// <summary>The README's sections after the tour do what their comments say.</summary>
public sealed class ReadmeSectionsTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void Business_time_gives_the_instants_its_comments_name()
    {
        var (_, due, worked, open, next) = ReadmeSections.BusinessTime();

        Assert.Equal(new LocalDateTime(2026, 11, 30, 9, 30), due.InZone(London).LocalDateTime);  // Monday 09:30
        Assert.Equal(Duration.FromHours(1), worked);
        Assert.True(open);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 9, 0), next.InZone(London).LocalDateTime);   // Tuesday 09:00
    }

    [Fact]
    public void A_calendar_read_from_JSON_round_trips()
    {
        var path = Path.Combine(Path.GetTempPath(), "itsm-readme-calendar-" + Guid.NewGuid().ToString("N") + ".json");
        var (calendar, _, _, _, _) = ReadmeSections.BusinessTime();
        File.WriteAllText(path, calendar.ToJson());
        try
        {
            var (read, json) = ReadmeSections.CalendarFromJson(path);

            Assert.Equal(calendar.ToJson(), json);
            Assert.Equal(London, read.Zone);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sla_clocks_track_a_new_P3_incident_as_in_progress_with_its_next_threshold_due()
    {
        var (calendar, _, _, _, _) = ReadmeSections.BusinessTime();

        var (status, wakeUp) = ReadmeSections.SlaClocks(calendar);

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Duration.FromHours(24), status.BusinessElapsed + status.BusinessRemaining);
        Assert.Equal(status.NextThresholdInstant, wakeUp);
    }

    [Fact]
    public void Lifecycles_refuse_a_command_on_a_closed_incident_with_the_message_shown()
    {
        var (incident, refusal, audit, forSla) = ReadmeSections.Lifecycles();

        Assert.Equal(IncidentState.Closed, incident.State);
        Assert.Equal("Incident in state Closed cannot Assign; it permits: RecordSatisfaction.", refusal);
        Assert.Equal(5, audit.Count); // open, re-prioritise, assign, resolve, close
        Assert.Equal(2, incident.Priority.Value);
        Assert.Equal("Closed", forSla.State);
    }

    [Fact]
    public void Workflows_guard_the_named_transition_and_audit_the_custom_states()
    {
        var (incident, customState, refusal, audited) = ReadmeSections.Workflows();

        Assert.Equal(IncidentState.InProgress, incident.State);
        Assert.Equal("Awaiting Change", customState);
        Assert.Equal(Itsm.Workflows.Workflow.GuardFailedCode, refusal);
        Assert.Equal(["Triage", "Investigating", null, "Awaiting Change"], audited);
        Assert.DoesNotContain(IncidentCommand.Resolve, incident.PermittedCommands);
    }
}
