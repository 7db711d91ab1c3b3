using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Journal;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Journal;

/// <summary>
/// Work notes are read only by actors the authorizer allows <see cref="ReadWorkNotes"/> (docs/journal.md): the journal
/// read leaves them out, the history, audit and feed reads withhold their content, and a failing authorizer refuses.
/// The examples use incidents; the property runs on every ticket type.
/// </summary>
public sealed class JournalVisibilityTests
{
    private const string Secret = "Caller's account was locked by the fraud team.";

    private static readonly IncidentId Id = new(new Guid("44444444-4444-4444-4444-444444444444"));

    // Agents read everything; a caller reads the journal (comments) and the history, audit and feed, but no work notes.
    private static readonly IItsmAuthorizer Desk = ItsmAuthorizers.FromRule((actor, operation, _) => operation switch
    {
        ReadWorkNotes => actor.HasRole("itil"),
        _ => true,
    });

    [Fact]
    public async Task A_caller_reads_the_comments_and_an_agent_reads_every_entry()
    {
        var (engine, _) = await Journalled(Desk);

        var agentView = await engine.Incidents.ReadJournalAsync(Tenant, Id, Agent);
        var callerView = await engine.Incidents.ReadJournalAsync(Tenant, Id, Caller);

        Assert.Equal([JournalEntryKind.WorkNote, JournalEntryKind.Comment, JournalEntryKind.TimeWorked], agentView.Select(e => e.Kind));
        Assert.Equal(Secret, agentView[0].Text);
        Assert.Equal(Duration.FromMinutes(30), agentView[2].TimeWorked);
        var comment = Assert.Single(callerView);
        Assert.Equal(new JournalEntry(3, Monday0900, Agent, JournalEntryKind.Comment, "We are resetting your password.", null), comment);
    }

    [Fact]
    public async Task History_audit_and_feed_withhold_work_notes_from_a_caller_but_keep_their_place()
    {
        var (engine, clock) = await Journalled(Desk);

        var history = await engine.Incidents.ReadHistoryAsync(Tenant, Id, Caller);
        var audit = await engine.ReadAuditAsync(Tenant, Caller, new NodaTime.Interval(Monday0900 - Duration.FromDays(1), clock.GetCurrentInstant() + Duration.FromDays(1)));
        var feed = await engine.ReadFeedAsync(Tenant, Caller, 0, 100);

        Assert.Equal([1L, 2, 3, 4], history.Select(e => e.Version));
        Assert.Equal(new JournalEntryWithheld(JournalEntryKind.WorkNote), history[1].Event);
        Assert.Equal(new JournalEntryWithheld(JournalEntryKind.TimeWorked), history[3].Event);
        Assert.Equal("AddWorkNote", history[1].Command);
        Assert.Equal([1L, 2, 3, 4], feed.Select(f => f.Position));
        foreach (var data in history.Select(e => e.Data).Concat(audit.Select(e => e.Data)).Concat(feed.Select(f => f.Entry.Data)))
        {
            Assert.DoesNotContain(data.Values, v => v.Contains("fraud", StringComparison.Ordinal) || v == "1800");
        }

        var agentHistory = await engine.Incidents.ReadHistoryAsync(Tenant, Id, Agent);
        Assert.Equal(new WorkNoteAdded(Secret), agentHistory[1].Event);
        Assert.Equal(Incident.ReplayTicketHistory(agentHistory), Incident.ReplayTicketHistory(history));
    }

    [Fact]
    public async Task An_authorizer_that_knows_nothing_of_work_notes_withholds_them()
    {
        var legacy = ItsmAuthorizers.FromRule((_, operation, _) => operation is ReadRecord or ReadHistory or ReadJournal or ItsmCommand);
        var (engine, _) = await Journalled(legacy);

        Assert.All(await engine.Incidents.ReadJournalAsync(Tenant, Id, Agent), e => Assert.Equal(JournalEntryKind.Comment, e.Kind));
        Assert.IsType<JournalEntryWithheld>((await engine.Incidents.ReadHistoryAsync(Tenant, Id, Agent))[1].Event);
    }

    [Fact]
    public async Task A_failing_authorizer_refuses_the_read_and_a_denied_journal_read_refuses()
    {
        var failing = ItsmAuthorizers.FromRule((_, operation, _) => operation is ReadWorkNotes ? throw new InvalidOperationException("directory down") : operation is not ReadJournal);
        var (engine, _) = await Journalled(failing);

        var failed = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ReadHistoryAsync(Tenant, Id, Caller));
        var denied = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ReadJournalAsync(Tenant, Id, Agent));

        Assert.True(failed.AuthorizerFailed);
        Assert.IsType<ReadWorkNotes>(failed.Operation);
        Assert.False(denied.AuthorizerFailed);
        Assert.IsType<ReadJournal>(denied.Operation);
    }

    /// <summary>
    /// Over any sequence of journal entries, on every ticket type (incidents, problems, changes, service requests): a
    /// caller's journal holds exactly the comments, in order, and never a work note or time; an agent's holds every entry;
    /// the time entries an agent reads sum to the ticket's total time worked; and no read a caller makes carries the text
    /// of a work note.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property The_filtered_journal_never_shows_a_caller_a_work_note_and_time_sums_to_the_total() =>
        Prop.ForAll(Entries.ToArbitrary(), entries => Check(entries, (e, c) => e.Incidents, Id, new OpenIncident(Caller.Id, "Mail is down", Impact.Medium, Urgency.Medium),
            (kind, minutes, text) => kind switch
            {
                JournalEntryKind.WorkNote => new AddIncidentWorkNote(text),
                JournalEntryKind.Comment => new AddIncidentComment(text),
                _ => new LogIncidentTime(Duration.FromMinutes(minutes), text),
            }, r => r.Journal).GetAwaiter().GetResult());

    /// <summary>The same law on problems.</summary>
    [Property(MaxTest = 30)]
    public Property The_law_holds_on_problems() =>
        Prop.ForAll(Entries.ToArbitrary(), entries => Check(entries, (e, c) => e.Problems, new ProblemId(Id.Value), new Itsm.Problems.OpenProblem("Mail keeps failing"),
            (kind, minutes, text) => kind switch
            {
                JournalEntryKind.WorkNote => new Itsm.Problems.AddProblemWorkNote(text),
                JournalEntryKind.Comment => new Itsm.Problems.AddProblemComment(text),
                _ => new Itsm.Problems.LogProblemTime(Duration.FromMinutes(minutes), text),
            }, r => r.Journal).GetAwaiter().GetResult());

    /// <summary>The same law on changes.</summary>
    [Property(MaxTest = 30)]
    public Property The_law_holds_on_changes() =>
        Prop.ForAll(Entries.ToArbitrary(), entries => Check(entries, (e, c) => e.Changes, new ChangeId(Id.Value),
            new Itsm.Changes.OpenChange(Itsm.Changes.ChangeType.Normal, "Replace the mail relay", "Swap mx01", new Itsm.Services.ServiceId("email"), null),
            (kind, minutes, text) => kind switch
            {
                JournalEntryKind.WorkNote => new Itsm.Changes.AddChangeWorkNote(text),
                JournalEntryKind.Comment => new Itsm.Changes.AddChangeComment(text),
                _ => new Itsm.Changes.LogChangeTime(Duration.FromMinutes(minutes), text),
            }, r => r.Journal).GetAwaiter().GetResult());

    /// <summary>The same law on service requests.</summary>
    [Property(MaxTest = 30)]
    public Property The_law_holds_on_service_requests() =>
        Prop.ForAll(Entries.ToArbitrary(), entries => Check(entries, (e, c) => e.ServiceRequests, new ServiceRequestId(Id.Value),
            new Itsm.Requests.SubmitServiceRequest(new Itsm.Requests.CatalogItem("laptop", requiresApproval: true)),
            (kind, minutes, text) => kind switch
            {
                JournalEntryKind.WorkNote => new Itsm.Requests.AddServiceRequestWorkNote(text),
                JournalEntryKind.Comment => new Itsm.Requests.AddServiceRequestComment(text),
                _ => new Itsm.Requests.LogServiceRequestTime(Duration.FromMinutes(minutes), text),
            }, r => r.Journal).GetAwaiter().GetResult());

    private static readonly Gen<(JournalEntryKind Kind, int Minutes, string Text)[]> Entries =
        (from kind in Gen.Elements(JournalEntryKind.WorkNote, JournalEntryKind.Comment, JournalEntryKind.TimeWorked)
         from minutes in Gen.Choose(1, 24 * 60)
         from n in Gen.Choose(0, 999)
         select (kind, minutes, kind == JournalEntryKind.Comment ? $"comment {n}" : $"secret-{n}")).ArrayOf();

    private static async Task<bool> Check<TAggregate, TId>(
        (JournalEntryKind Kind, int Minutes, string Text)[] entries,
        Func<ItsmEngine, FakeClock, AggregateService<TAggregate, TId>> tickets,
        TId id,
        CreateCommand<TAggregate> create,
        Func<JournalEntryKind, int, string, RecordCommand<TAggregate>> command,
        Func<TAggregate, JournalSummary> journal)
        where TAggregate : class
    {
        var clock = new FakeClock(Monday0900);
        var engine = new ItsmEngine(new InMemoryAggregateStore(), Desk, clock);
        var service = tickets(engine, clock);
        await service.CreateAsync(Tenant, id, Agent, create);
        foreach (var (kind, minutes, text) in entries)
        {
            clock.Advance(Duration.FromMinutes(1));
            await service.ExecuteAsync(Tenant, id, kind == JournalEntryKind.Comment ? Caller : Agent, command(kind, minutes, text));
        }

        var callerJournal = await service.ReadJournalAsync(Tenant, id, Caller);
        var agentJournal = await service.ReadJournalAsync(Tenant, id, Agent);
        var summary = journal(await service.GetAsync(Tenant, id, Agent));
        var callerReads = (await service.ReadHistoryAsync(Tenant, id, Caller)).Select(e => e.Data)
            .Concat((await engine.ReadFeedAsync(Tenant, Caller, 0, 1000)).Select(f => f.Entry.Data))
            .SelectMany(d => d.Values);

        var worked = agentJournal.Where(e => e.Kind == JournalEntryKind.TimeWorked).Aggregate(Duration.Zero, (sum, e) => sum + e.TimeWorked!.Value);
        return callerJournal.All(e => !e.IsInternal)
            && callerJournal.Select(e => e.Text).SequenceEqual(entries.Where(e => e.Kind == JournalEntryKind.Comment).Select(e => e.Text))
            && agentJournal.Select(e => (e.Kind, e.Text)).SequenceEqual(entries.Select(e => (e.Kind, (string?)e.Text)))
            && worked == summary.TimeWorked
            && summary.Entries == entries.Length
            && !callerReads.Any(v => v.StartsWith("secret-", StringComparison.Ordinal));
    }

    private static async Task<(ItsmEngine Engine, FakeClock Clock)> Journalled(IItsmAuthorizer authorizer)
    {
        var clock = new FakeClock(Monday0900);
        var store = new InMemoryAggregateStore();
        var writer = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        await writer.Incidents.CreateAsync(Tenant, Id, Agent, new OpenIncident(Caller.Id, "Cannot log in", Impact.Medium, Urgency.Medium));
        await writer.Incidents.ExecuteAsync(Tenant, Id, Agent, new AddIncidentWorkNote(Secret));
        await writer.Incidents.ExecuteAsync(Tenant, Id, Agent, new AddIncidentComment("We are resetting your password."));
        await writer.Incidents.ExecuteAsync(Tenant, Id, Agent, new LogIncidentTime(Duration.FromMinutes(30)));
        return (new ItsmEngine(store, authorizer, clock), clock);
    }
}
