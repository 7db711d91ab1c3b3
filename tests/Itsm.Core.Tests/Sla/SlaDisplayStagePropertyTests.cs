using System.Linq;
using FsCheck.Xunit;
using Itsm.Sla;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The law of <see cref="SlaStatus.DisplayStage"/> on random calendars and timelines, in every
/// <see cref="SlaProfile"/>: the library's profile mirrors <see cref="SlaStatus.Stage"/>; ServiceNow and
/// Jira Service Management say Completed for any stopped clock (breached or not); only Jira shows a running
/// clock as paused, exactly when the instant is not working time of the calendar.
/// </summary>
[Properties(Arbitrary = [typeof(SlaArbitraries)])]
public sealed class SlaDisplayStagePropertyTests
{
    [Property(MaxTest = 1000)]
    public void TheDisplayStage_IsTheStageInTheProfilesWords_AndJiraShowsARunningClockOutsideWorkingTimeAsPaused(TimelineCase c)
    {
        var calendar = c.Calendar.Engine;
        var profile = c.Definition.Profile;
        foreach (var now in c.Instants)
        {
            var status = SlaClock.Evaluate(c.Definition, calendar, c.Timeline, now);

            // The phase from the last event at or before now, read here from the events.
            var last = c.Timeline.Last(e => e.At <= now).Kind;
            bool cancelled = last == SlaEventKind.Cancelled;
            bool stopped = last == SlaEventKind.Stopped;
            bool paused = last == SlaEventKind.Paused
                || (last == SlaEventKind.Retargeted && c.Timeline.Last(e => e.At <= now && e.Kind != SlaEventKind.Retargeted).Kind == SlaEventKind.Paused);
            bool running = !cancelled && !stopped && !paused;

            // Working time from the reference calendar (a wall-clock walk), not from the engine's IsWorking.
            bool outsideHours = running && !c.Calendar.Reference.IsWorking(now);
            var expected = profile == SlaProfile.Itsm
                ? status.Stage switch
                {
                    SlaStage.Cancelled => SlaDisplayStage.Cancelled,
                    SlaStage.Breached => SlaDisplayStage.Breached,
                    SlaStage.Achieved => SlaDisplayStage.Achieved,
                    SlaStage.Paused => SlaDisplayStage.Paused,
                    _ => SlaDisplayStage.InProgress,
                }
                : cancelled ? SlaDisplayStage.Cancelled
                : stopped ? SlaDisplayStage.Completed
                : paused ? SlaDisplayStage.Paused
                : outsideHours && profile == SlaProfile.JiraServiceManagement ? SlaDisplayStage.PausedOutsideCalendarHours
                : SlaDisplayStage.InProgress;

            Assert.Equal(expected, status.DisplayStage);
            Assert.Equal(profile == SlaProfile.JiraServiceManagement && outsideHours, status.DisplayStage == SlaDisplayStage.PausedOutsideCalendarHours);
            Assert.Equal(running, status.IsActive && !paused);
        }
    }
}
