using System;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Journal;
using Itsm.Persistence;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Journal;

/// <summary>The journal commands on a ticket (docs/journal.md): what they record, what they refuse, what the state keeps.</summary>
public sealed class JournalTests
{
    [Fact]
    public void AddWorkNote_RecordsTheTextInTheAuditEntry_AndKeepsOnlyACountInTheState()
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        incident.AcceptAuditEntries();

        incident.AddWorkNote(Agent, "Relay queue holds 4,000 messages.");

        var entry = Assert.Single(incident.UncommittedAuditEntries);
        Assert.Equal("AddWorkNote", entry.Command);
        Assert.Equal("InProgress", entry.FromState);
        Assert.Equal("InProgress", entry.ToState);
        Assert.Equal(new WorkNoteAdded("Relay queue holds 4,000 messages."), entry.Event);
        Assert.Equal(new JournalSummary(1, 0, 0, Duration.Zero), incident.Journal);
        Assert.DoesNotContain("Relay queue", new IncidentCodec(IncidentOptions.Default).Serialize(incident), StringComparison.Ordinal);
    }

    [Fact]
    public void LogTime_AddsToTheTotal_AndRecordsSecondsAndTheNote()
    {
        var incident = InState(IncidentState.InProgress, NewClock());

        incident.LogTime(Agent, Duration.FromMinutes(25), "Queue analysis.");
        incident.LogTime(Agent, Duration.FromHours(1));

        Assert.Equal(new JournalSummary(0, 0, 2, Duration.FromMinutes(85)), incident.Journal);
        var first = incident.UncommittedAuditEntries[^2];
        Assert.Equal("1500", first.Data["seconds"]);
        Assert.Equal("Queue analysis.", first.Data["note"]);
        Assert.False(incident.UncommittedAuditEntries[^1].Data.ContainsKey("note"));
        Assert.Equal(new TimeWorkedLogged(Duration.FromHours(1), null), incident.UncommittedAuditEntries[^1].Event);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-60_000_000_000L)]
    [InlineData(86_401_000_000_000L)]
    [InlineData(1_500_000_000L)]
    public void LogTime_RefusesANonPositiveOverlongOrFractionalDuration_NamingIt(long nanoseconds)
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => incident.LogTime(Agent, Duration.FromNanoseconds(nanoseconds)));

        Assert.Equal("duration", ex.ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Text_IsRequiredAndBounded_AndABlankNoteIsRefused()
    {
        var incident = InState(IncidentState.InProgress, NewClock());

        Assert.Equal("text", Assert.ThrowsAny<ArgumentException>(() => incident.AddComment(Agent, " ")).ParamName);
        Assert.Equal("text", Assert.Throws<FieldLimitException>(() => incident.AddWorkNote(Agent, new string('x', FieldLimits.Text + 1))).ParamName);
        Assert.Equal("note", Assert.ThrowsAny<ArgumentException>(() => incident.LogTime(Agent, Duration.FromMinutes(5), "")).ParamName);
        incident.AddWorkNote(Agent, new string('x', FieldLimits.Text));
        Assert.Equal(1, incident.Journal.WorkNotes);
    }

    [Theory]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Canceled)]
    public void A_final_ticket_refuses_every_journal_entry(IncidentState state)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        Assert.Throws<InvalidTransitionException>(() => incident.AddComment(Caller, "Still broken."));
        Assert.Throws<InvalidTransitionException>(() => incident.AddWorkNote(Agent, "Late note."));
        Assert.Throws<InvalidTransitionException>(() => incident.LogTime(Agent, Duration.FromMinutes(5)));
        probe.AssertUnchanged();
    }

    [Fact]
    public void A_resolved_ticket_takes_the_callers_comment_without_reopening()
    {
        var incident = InState(IncidentState.Resolved, NewClock());

        incident.AddComment(Caller, "Thanks, it works.");

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(1, incident.Journal.Comments);
    }

    [Fact]
    public void The_total_time_worked_is_bounded_by_a_rule_with_a_stable_code()
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        long full = (long)(JournalLimits.MaxTimeWorked / JournalLimits.MaxTimeEntry);
        for (long i = 0; i < full; i++)
        {
            incident.LogTime(Agent, JournalLimits.MaxTimeEntry);
        }

        incident.AcceptAuditEntries();
        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.LogTime(Agent, JournalLimits.MaxTimeEntry));

        Assert.Equal(JournalLimits.TimeWorkedFullCode, ex.Code);
        Assert.Empty(incident.UncommittedAuditEntries);
        Assert.True(incident.Journal.TimeWorked <= JournalLimits.MaxTimeWorked);
    }

    [Fact]
    public void The_summary_survives_the_codec_and_a_state_without_one_reads_as_empty()
    {
        var (codec, json, incident, clock) = Stored();

        var read = codec.Deserialize(Tenant, incident.Id.ToString(), incident.Version, json, clock);
        var legacy = codec.Deserialize(Tenant, incident.Id.ToString(), incident.Version, json.Replace(",\"journal\":{\"workNotes\":1,\"comments\":1,\"timeEntries\":1,\"timeWorkedSeconds\":5400}", string.Empty, StringComparison.Ordinal), clock);

        Assert.Equal(incident.Journal, read.Journal);
        Assert.Equal(default, legacy.Journal);
        Assert.Contains("\"journal\":{", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("2.0", 2)]
    [InlineData("2e0", 2)]
    [InlineData("20E-1", 2)]
    [InlineData("0", 0)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void A_stored_count_reads_in_any_whole_number_form(string stored, long expected)
    {
        var (codec, json, incident, clock) = Stored();

        var read = codec.Deserialize(Tenant, incident.Id.ToString(), incident.Version, json.Replace("\"workNotes\":1", "\"workNotes\":" + stored, StringComparison.Ordinal), clock);

        Assert.Equal(expected, read.Journal.WorkNotes);
        Assert.Equal(1, read.Journal.Comments);
    }

    [Theory]
    [InlineData("workNotes", "-1")]
    [InlineData("workNotes", "1.5")]
    [InlineData("workNotes", "\"1\"")]
    [InlineData("workNotes", "9223372036854775808")]
    [InlineData("timeEntries", "1e19")]
    [InlineData("timeWorkedSeconds", "99999999999999999")]
    public void A_stored_count_that_is_not_a_whole_number_in_range_is_refused(string field, string stored)
    {
        var (codec, json, incident, clock) = Stored();
        var current = field == "timeWorkedSeconds" ? "5400" : "1";

        var refused = Assert.ThrowsAny<Exception>(() => codec.Deserialize(Tenant, incident.Id.ToString(), incident.Version, json.Replace($"\"{field}\":{current}", $"\"{field}\":{stored}", StringComparison.Ordinal), clock));

        Assert.Contains($"journal.{field}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("must be", refused.Message, StringComparison.Ordinal);
    }

    private static (IncidentCodec Codec, string Json, Incident Incident, NodaTime.Testing.FakeClock Clock) Stored()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.AddWorkNote(Agent, "n");
        incident.AddComment(Caller, "c");
        incident.LogTime(Agent, Duration.FromMinutes(90));
        var codec = new IncidentCodec(IncidentOptions.Default);
        var json = codec.Serialize(incident);
        Assert.Contains("\"journal\":{\"workNotes\":1,\"comments\":1,\"timeEntries\":1,\"timeWorkedSeconds\":5400}", json, StringComparison.Ordinal);
        return (codec, json, incident, clock);
    }

    [Fact]
    public void Every_ticket_type_keeps_the_same_summary()
    {
        var clock = NewClock();
        var request = Itsm.Requests.ServiceRequest.Submit(Tenant, ServiceRequestId.New(), Caller, new Itsm.Requests.CatalogItem("mouse", false), clock);
        var problem = Itsm.Problems.Problem.Open(Tenant, ProblemId.New(), Agent, "Relay restarts", clock);
        var change = Itsm.Changes.Change.Open(Tenant, ChangeId.New(), Itsm.Changes.ChangeType.Standard, Agent, "Patch", "Plan", new Itsm.Services.ServiceId("email"), [], clock);

        request.LogTime(Agent, Duration.FromMinutes(10));
        problem.LogTime(Agent, Duration.FromMinutes(10));
        change.LogTime(Agent, Duration.FromMinutes(10));

        var expected = new JournalSummary(0, 0, 1, Duration.FromMinutes(10));
        Assert.Equal([expected, expected, expected], new[] { request.Journal, problem.Journal, change.Journal });
        Assert.All(new[] { request.UncommittedAuditEntries[^1], problem.UncommittedAuditEntries[^1], change.UncommittedAuditEntries[^1] },
            e => Assert.IsType<TimeWorkedLogged>(e.Event));
    }
}
