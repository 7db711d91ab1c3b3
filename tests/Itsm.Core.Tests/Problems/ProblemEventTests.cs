using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>
/// The typed events of problems: each command's audit entry keeps the data it always had (keys,
/// values and their order, as stored), reads as its event type, and reads as
/// <see cref="UnrecognizedEvent"/> when the stored data does not parse.
/// </summary>
public sealed class ProblemEventTests
{
    private static readonly ProblemId Id = new(new Guid("22222222-2222-2222-2222-222222222222"));

    [Fact]
    public void Every_command_writes_its_stored_data_and_reads_as_its_event()
    {
        var clock = new FakeClock(Monday0900);
        var problem = Problem.Open(Tenant, Id, Analyst, "E-mail stops every 30 days", clock, new ServiceId("email"));
        problem.Assess(Analyst);
        problem.LinkIncident(Analyst, LinkedIncident);
        problem.StartRootCauseAnalysis(Analyst);
        problem.RecordRootCause(Analyst, RootCauseText);
        problem.DocumentWorkaround(Analyst, WorkaroundText);
        problem.MarkAsKnownError(Analyst, "Mail stays in the outbox", ["email", "ci:relay-01"]);
        problem.RaiseChange(Analyst, "CHG0042");
        problem.StartFix(Analyst);
        problem.UnlinkIncident(Analyst, LinkedIncident);
        problem.Resolve(Manager, ProblemResolutionCode.FixApplied, Notes);
        problem.Close(Manager);

        var entries = problem.UncommittedAuditEntries;
        Assert.Equal(
            [
                "Open shortDescription=E-mail stops every 30 days; service=email",
                "Assess ",
                "LinkIncident incident=11111111-1111-1111-1111-111111111111",
                "StartRootCauseAnalysis ",
                "RecordRootCause rootCause=" + RootCauseText,
                "DocumentWorkaround workaround=" + WorkaroundText,
                "MarkAsKnownError symptom=Mail stays in the outbox; affectedItems=email, ci:relay-01",
                "RaiseChange change=CHG0042",
                "StartFix ",
                "UnlinkIncident incident=11111111-1111-1111-1111-111111111111",
                "Resolve resolutionCode=FixApplied; notes=" + Notes,
                "Close ",
            ],
            entries.Select(Stored));
        Assert.Equal(
            new DomainEvent[]
            {
                new ProblemOpened("E-mail stops every 30 days", new ServiceId("email")),
                new ProblemAssessed(),
                new ProblemIncidentLinked(LinkedIncident),
                new RootCauseAnalysisStarted(),
                new RootCauseRecorded(RootCauseText),
                new WorkaroundDocumented(WorkaroundText),
                new ProblemMarkedAsKnownError("Mail stays in the outbox", "email, ci:relay-01"),
                new ProblemChangeRaised("CHG0042"),
                new ProblemFixStarted(),
                new ProblemIncidentUnlinked(LinkedIncident),
                new ProblemResolved(ProblemResolutionCode.FixApplied, Notes),
                new ProblemClosed(),
            },
            entries.Select(e => e.Event));
        TypedEventCheck.AssertTyped(entries);
    }

    [Fact]
    public void Optional_and_empty_values_are_written_as_before()
    {
        var clock = new FakeClock(Monday0900);
        var problem = Problem.Open(Tenant, Id, Analyst, "Printer queue stalls", clock);
        problem.Assess(Analyst);
        problem.StartRootCauseAnalysis(Analyst);
        problem.RecordRootCause(Analyst, RootCauseText);
        problem.DocumentWorkaround(Analyst, WorkaroundText);
        problem.MarkAsKnownError(Analyst, "Jobs wait forever", []);
        problem.Cancel(Manager, "Duplicate of PRB0007.");

        var entries = problem.UncommittedAuditEntries;
        Assert.Equal("Open shortDescription=Printer queue stalls", Stored(entries[0]));
        Assert.Equal(new ProblemOpened("Printer queue stalls", null), entries[0].Event);
        Assert.Equal("MarkAsKnownError symptom=Jobs wait forever; affectedItems=", Stored(entries[5]));
        Assert.Equal(new ProblemMarkedAsKnownError("Jobs wait forever", string.Empty), entries[5].Event);
        Assert.Equal("Cancel reason=Duplicate of PRB0007.", Stored(entries[6]));
        Assert.Equal(new ProblemCanceled("Duplicate of PRB0007."), entries[6].Event);
        TypedEventCheck.AssertTyped(entries);
    }

    [Theory]
    [InlineData("Resolve", "resolutionCode=FixApplied")]
    [InlineData("Resolve", "resolutionCode=fixApplied;notes=n")]
    [InlineData("Resolve", "resolutionCode=2;notes=n")]
    [InlineData("Resolve", "resolutionCode=FixApplied,Workaround;notes=n")]
    [InlineData("LinkIncident", "incident=INC0001")]
    [InlineData("UnlinkIncident", "")]
    [InlineData("Open", "service=email")]
    [InlineData("MarkAsKnownError", "symptom=s")]
    [InlineData("Reopen", "reason=r")]
    public void Data_that_does_not_parse_reads_as_an_unrecognized_event_kept_as_stored(string command, string data)
    {
        var stored = Data(data);
        var entry = Entry(command, stored);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);

        Assert.Equal(Problem.RecordType, read.RecordType);
        Assert.Equal(command, read.CommandName);
        Assert.Same(stored, read.Data);
    }

    [Fact]
    public void Extra_data_keys_do_not_prevent_reading_the_event()
    {
        var entry = Entry("Cancel", Data("reason=r;by=import"));

        Assert.Equal(new ProblemCanceled("r"), entry.Event);
    }

    private static string Stored(AuditEntry entry) =>
        entry.Command + " " + string.Join("; ", entry.Data.Select(p => p.Key + "=" + p.Value));

    private static Dictionary<string, string> Data(string text) =>
        text.Length == 0 ? [] : text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static AuditEntry Entry(string command, IReadOnlyDictionary<string, string> data) =>
        new(Tenant, Problem.RecordType, Id.ToString(), 2, Monday0900, Analyst, command, "New", "New", data);
}
