using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Journal;
using NodaTime;

namespace Itsm.Persistence.Testing;

// The journal through an engine (docs/journal.md): entries in the audit log, the summary in the state.
public abstract partial class AggregateStoreContract
{
    /// <summary>
    /// Journal entries written through one engine read back through another over the same store: the state's summary
    /// (counts and total time worked), every entry for an agent, the comments alone for a caller, and the caller's
    /// history with the work note and time entry withheld.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_tickets_journal_round_trips_and_a_caller_never_reads_its_work_notes()
    {
        var store = await NewStoreAsync();
        var clock = new FixedClock(T0);
        var agent = new Actor("agent.smith", "itil");
        var caller = new Actor("caller.jones");
        var id = new IncidentId(new System.Guid("5a5a5a5a-0000-0000-0000-000000000001"));
        var writer = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        await writer.Incidents.CreateAsync(TenantA, id, agent, new OpenIncident(caller.Id, "VPN drops", Impact.Medium, Urgency.Medium));
        await writer.Incidents.ExecuteAsync(TenantA, id, agent, new AddIncidentWorkNote("Tunnel resets every 20 minutes – café Wi-Fi."));
        await writer.Incidents.ExecuteAsync(TenantA, id, caller, new AddIncidentComment("It dropped again."));
        await writer.Incidents.ExecuteAsync(TenantA, id, agent, new LogIncidentTime(Duration.FromMinutes(45), "Packet capture."));

        var reader = new ItsmEngine(store, ItsmAuthorizers.FromRule((actor, operation, _) => operation is not ReadWorkNotes || actor.HasRole("itil")), clock);
        var loaded = await reader.Incidents.GetAsync(TenantA, id, agent);
        var agentJournal = await reader.Incidents.ReadJournalAsync(TenantA, id, agent);
        var callerJournal = await reader.Incidents.ReadJournalAsync(TenantA, id, caller);
        var callerHistory = await reader.Incidents.ReadHistoryAsync(TenantA, id, caller);

        Assert.Equal(new JournalSummary(1, 1, 1, Duration.FromMinutes(45)), loaded.Journal);
        Assert.Equal(["Tunnel resets every 20 minutes – café Wi-Fi.", "It dropped again.", "Packet capture."], agentJournal.Select(e => e.Text));
        Assert.Equal([2L, 3, 4], agentJournal.Select(e => e.Version));
        Assert.Equal(Duration.FromMinutes(45), agentJournal[2].TimeWorked);
        var comment = Assert.Single(callerJournal);
        Assert.Equal(caller, comment.Actor);
        Assert.Equal([1L, 2, 3, 4], callerHistory.Select(e => e.Version));
        Assert.Equal(new JournalEntryWithheld(JournalEntryKind.WorkNote), callerHistory[1].Event);
        Assert.Equal(new JournalEntryWithheld(JournalEntryKind.TimeWorked), callerHistory[3].Event);
    }
}
