using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Itsm.BusinessTime;
using Itsm.BusinessTime.Tests;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The ServiceNow migration example of docs/sla.md ("Migrating a ServiceNow SLA definition"), read from the
/// doc itself so that the doc cannot drift: it loads into the agreement its prose describes, and tracks a
/// small imported ticket as the doc says.
/// </summary>
public sealed class SlaMigrationDocTests
{
    // The 8-5-weekdays schedule the example names: Monday to Friday, 08:00-17:00 (London).
    private static readonly BusinessCalendar EightToFive =
        BusinessCalendar.CreateBuilder(TestCalendars.London).AddWeekdayHours(new LocalTime(8, 0), new LocalTime(17, 0)).Build();

    private static string DocumentedExample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Itsm.Core.sln")))
        {
            dir = dir.Parent;
        }

        var doc = File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("The repository root (Itsm.Core.sln) was not found."), "docs", "sla.md"));
        int section = doc.IndexOf("### Migrating a ServiceNow SLA definition", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/sla.md has no section 'Migrating a ServiceNow SLA definition'.");
        int end = doc.IndexOf("\n## ", section, StringComparison.Ordinal);
        var match = Regex.Match(doc[section..(end < 0 ? doc.Length : end)], "```json\\n(?<json>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "The migration section of docs/sla.md has no json example.");
        return match.Groups["json"].Value;
    }

    [Fact]
    public void TheMigrationExample_LoadsIntoTheAgreementItDescribes()
    {
        // "P1 resolution, 4 hours on 8-5 weekdays, start when active, pause on hold awaiting the caller, stop
        // when resolved, retroactive start from Opened with retroactive pause", with its P2 and P3 siblings.
        var agreement = Agreement.FromJson(DocumentedExample());
        var target = Assert.Single(agreement.Targets);

        Assert.Equal(("SLA-RESOLUTION", AgreementKind.ServiceLevelAgreement, SlaMetric.Resolution), (agreement.Id, agreement.Kind, target.Metric));
        Assert.Equal(
            new Dictionary<Itsm.Common.Priority, Duration> { [P1] = Hours(4), [P2] = Hours(8), [P3] = Hours(16) },
            target.Durations.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(
            ("8-5-weekdays", SlaProfile.ServiceNow, PriorityChangePolicy.CancelAndAttach, SlaRetroactiveStart.Opened, true, (SlaCancelRule?)null),
            (target.CalendarId, target.Profile, target.PriorityChangePolicy, target.RetroactiveStart, target.RetroactivePauses, target.CancelWhen));
        var c = target.Conditions;
        Assert.True(c.Start.IsMetBy(Ticket("OnHold", P1)) && !c.Start.IsMetBy(Ticket("Resolved", P1)));
        Assert.True(c.Pause.IsMetBy(Ticket("OnHold", P1, "AwaitingCaller")) && !c.Pause.IsMetBy(Ticket("OnHold", P1, "AwaitingVendor")));
        Assert.True(c.Stop.IsMetBy(Ticket("Resolved", P1)) && c.Stop.IsMetBy(Ticket("Closed", P1)) && !c.Stop.IsMetBy(Ticket("InProgress", P1)));
        Assert.True(c.Cancel.IsMetBy(Ticket("Canceled", P1)) && !c.Cancel.IsMetBy(Ticket("New", P1)));
        Assert.Null(c.Resume);
    }

    [Fact]
    public void TheMigrationExample_TracksAnImportedTicketsTaskSlasAsTheDocSays()
    {
        // An imported history that starts at 10:00 for a ticket opened at 08:00 (OpenedAt on its first
        // snapshot, as the doc says): P2 from the opening, on hold awaiting the caller 11:00-12:00, raised to P1
        // at 12:30, resolved at 12:45. One definition per priority: the P2 task SLA is cancelled at the raise
        // and the P1 one attaches back at 08:00 with the 11:00-12:00 pause.
        var tracker = new SlaTracker([Agreement.FromJson(DocumentedExample())]);
        var history = new[]
        {
            (Ticket("New", P2) with { OpenedAt = Mon(8) }).At(Mon(10)),
            Ticket("OnHold", P2, "AwaitingCaller").At(Mon(11)),
            Ticket("InProgress", P2).At(Mon(12)),
            Ticket("InProgress", P1).At(Mon(12, 30)),
            Ticket("Resolved", P1).At(Mon(12, 45)),
        };
        var calendars = new Dictionary<string, BusinessCalendar> { ["8-5-weekdays"] = EightToFive };

        var records = tracker.Track(history);

        Assert.Equal(["SLA-RESOLUTION/Resolution/0", "SLA-RESOLUTION/Resolution/1"], records.Select(r => r.Id));
        var p2 = records[0].Evaluate(calendars, Mon(17));
        var p1 = records[1].Evaluate(calendars, Mon(17));
        Assert.Equal((Mon(8), (Instant?)Mon(12, 30), SlaDisplayStage.Cancelled, Hours(3.5)), (p2.StartedAt, p2.EndedAt, p2.DisplayStage, p2.BusinessElapsed));

        // 08:00-11:00 and 12:00-12:45 of the 8-5 schedule: 3 h 45 min of 4 h, achieved; actual elapsed is the
        // 4 h 45 min from 08:00 to 12:45 minus the hour on hold.
        Assert.Equal(
            (Mon(8), (Instant?)Mon(12, 45), SlaDisplayStage.Completed, false, Minutes(225), Minutes(225), Hours(1)),
            (p1.StartedAt, p1.EndedAt, p1.DisplayStage, p1.HasEverBreached, p1.BusinessElapsed, p1.ActualElapsed, p1.PausedDuration));
    }
}
