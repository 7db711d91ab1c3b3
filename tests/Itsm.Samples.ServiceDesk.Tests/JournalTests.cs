using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Journal;
using Itsm.Persistence.Sqlite;
using NodaTime;
using Xunit;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// The desk's resolvers keep incident journals (docs/journal.md): the report counts what the audit log holds, and
/// under the desk's authorizer a caller reads their incident's comments but never its work notes or time worked.
/// </summary>
public sealed class JournalTests
{
    private static readonly TenantId Tenant = new("contoso");

    [Fact]
    public async Task Resolvers_journal_some_incidents_the_report_counts_them_and_callers_never_read_the_work_notes()
    {
        using var db = new TempDatabase();
        var report = await ServiceDeskSimulation.RunAsync(new SimulationSettings
        {
            DatabasePath = db.Path,
            Days = 10,
            Seed = 7,
            StartDate = new LocalDate(2026, 4, 13),
            Tenant = Tenant.Value,
        });
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = db.Path });
        var entries = await store.ReadAuditAsync(Tenant, new Interval(Instant.FromUtc(1900, 1, 1, 0, 0), Instant.FromUtc(2200, 1, 1, 0, 0)));

        var notes = entries.Where(e => e.Event is WorkNoteAdded).ToList();
        var times = entries.Select(e => e.Event).OfType<TimeWorkedLogged>().ToList();
        Assert.NotEmpty(notes);
        Assert.Equal(notes.Count, report.Activity.WorkNotes);
        Assert.Equal(entries.Count(e => e.Event is CommentAdded), report.Activity.Comments);
        Assert.Equal(times.Aggregate(Duration.Zero, (sum, t) => sum + t.Duration), report.Activity.TimeWorked);

        var authorizer = new DeskAuthorizer();
        // Its records run the desk's workflows: an engine reading them must hold them (a record under a workflow the catalog lacks does not load).
        var engine = new ItsmEngine(store, authorizer, SystemClock.Instance, new ItsmEngineOptions { Workflows = ServiceDeskWorkflows.Catalog });
        var id = new IncidentId(Guid.Parse(notes[0].RecordId));
        var incident = await engine.Incidents.GetAsync(Tenant, id, new Actor("amira.khan", "service_desk"));
        var caller = new Actor(incident.CallerId, "caller");
        var staff = new Actor("amira.khan", "service_desk");

        var callerJournal = await engine.Incidents.ReadJournalAsync(Tenant, id, caller);
        var staffJournal = await engine.Incidents.ReadJournalAsync(Tenant, id, staff);
        var callerHistory = await engine.Incidents.ReadHistoryAsync(Tenant, id, caller);

        Assert.Equal([JournalEntryKind.Comment], callerJournal.Select(e => e.Kind));
        Assert.Equal([JournalEntryKind.WorkNote, JournalEntryKind.Comment, JournalEntryKind.TimeWorked], staffJournal.Select(e => e.Kind));
        Assert.Equal(incident.Journal.TimeWorked, staffJournal.Single(e => e.Kind == JournalEntryKind.TimeWorked).TimeWorked);
        Assert.DoesNotContain(callerHistory, e => e.Event is WorkNoteAdded or TimeWorkedLogged);
        Assert.Contains(callerHistory, e => e.Event is JournalEntryWithheld);
        Assert.Equal(0, authorizer.Denied);
    }
}
