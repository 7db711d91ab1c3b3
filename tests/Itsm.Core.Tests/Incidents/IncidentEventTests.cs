using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Testing;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>Every incident audit entry reads as its typed event, and the event writes back exactly the stored data.</summary>
public sealed class IncidentEventTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", ["service_desk"]);

    [Property(MaxTest = 300)]
    public Property Every_entry_of_any_command_sequence_reads_as_a_typed_event_that_writes_back_its_data() =>
        Prop.ForAll(ItsmGenerators.IncidentScenarios.ToArbitrary(), scenario =>
        {
            var entries = scenario.Run().Incident.UncommittedAuditEntries;
            foreach (var entry in entries)
            {
                var @event = entry.Event;
                Assert.IsNotType<UnrecognizedEvent>(@event);
                Assert.Equal(entry.Command, @event.Command);
                Assert.Equal(Sorted(entry.Data), Sorted(@event.ToAuditData()));
            }
        });

    [Fact]
    public void Every_incident_command_reads_back_as_its_event_type()
    {
        var (incident, clock) = Opened();
        var parent = Incident.Open(Tenant, IncidentId.New(), Agent, "carol", "Mail is down everywhere", Impact.High, Urgency.High, clock);
        parent.PromoteToMajor(Agent, "Whole site");
        incident.Assign(Agent, new SupportGroupId("Messaging"), "bob");
        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Which mailbox?");
        incident.RecordCallerResponse(Agent, "The shared one");
        incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        incident.Resume(Agent);
        incident.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.Medium);
        incident.EscalateFunctionally(Agent, new SupportGroupId("Exchange"), "Needs a mailbox admin");
        incident.EscalateHierarchically(Agent, "dana", "Customer is a VIP");
        incident.AttachToParent(Agent, parent);
        incident.LinkCausedByChange(Agent, "CHG0042");
        incident.LinkProblem(Agent, "PRB0007");
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Restarted the relay");
        incident.Reopen(new Actor("alice", ["caller"]), "Still broken");
        incident.Cancel(Agent, "Duplicate");

        var events = incident.UncommittedAuditEntries.Select(e => e.Event).ToList();

        Assert.Equal(
            [
                typeof(IncidentOpened), typeof(IncidentAssigned), typeof(IncidentPutOnHold), typeof(CallerResponseRecorded),
                typeof(IncidentPutOnHold), typeof(IncidentResumed), typeof(IncidentPriorityChanged), typeof(IncidentEscalatedFunctionally),
                typeof(IncidentEscalatedHierarchically), typeof(IncidentAttachedToParent), typeof(IncidentLinkedToCausingChange),
                typeof(IncidentLinkedToProblem), typeof(IncidentResolved), typeof(IncidentReopened), typeof(IncidentCanceled),
            ],
            events.Select(e => e.GetType()));
        Assert.Equal(new IncidentOpened("alice", Impact.Medium, Urgency.Medium, Priority.Moderate, new ServiceId("email")), events[0]);
        Assert.Equal(new IncidentAssigned(new SupportGroupId("Messaging"), "bob"), events[1]);
        Assert.Equal(new IncidentPutOnHold(OnHoldReason.AwaitingCaller, "Which mailbox?"), events[2]);
        Assert.Equal(new IncidentPriorityChanged(Impact.High, Urgency.Medium, Priority.Moderate, Priority.High), events[6]);
        Assert.Equal(new IncidentEscalatedFunctionally(new SupportGroupId("Messaging"), new SupportGroupId("Exchange"), "Needs a mailbox admin"), events[7]);
        Assert.Equal(new IncidentEscalatedHierarchically("dana", "Customer is a VIP", 1), events[8]);
        Assert.Equal(new IncidentAttachedToParent(parent.Id), events[9]);
        Assert.Equal(new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "Restarted the relay"), events[12]);
        Assert.Equal(new IncidentPromotedToMajor("Whole site"), parent.UncommittedAuditEntries[^1].Event);
    }

    [Fact]
    public void The_stored_data_of_an_event_is_unchanged_from_the_untyped_audit_format()
    {
        var (incident, _) = Opened();
        incident.Assign(Agent, new SupportGroupId("Messaging"));
        incident.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High);

        var open = incident.UncommittedAuditEntries[0];
        var assign = incident.UncommittedAuditEntries[1];
        var priority = incident.UncommittedAuditEntries[2];

        Assert.Equal(("Open", "alice|2|2|3|email"), (open.Command, string.Join("|", open.Data["callerId"], open.Data["impact"], open.Data["urgency"], open.Data["priority"], open.Data["service"])));
        Assert.Equal("Assign", assign.Command);
        Assert.Equal(["group"], assign.Data.Keys.ToArray());
        Assert.Equal("Messaging", assign.Data["group"]);
        Assert.Equal(["impact", "urgency", "previousPriority", "priority"], priority.Data.Keys.ToArray());
        Assert.Equal(["1", "1", "3", "1"], priority.Data.Values.ToArray());
    }

    [Theory]
    [InlineData("Assign", "fromGroup", "bob")]
    [InlineData("Resolve", "resolutionCode", "Fixed")]
    [InlineData("Resolve", "resolutionCode", "1")]
    [InlineData("ChangeImpactOrUrgency", "priority", "9")]
    [InlineData("AttachToParent", "parent", "not-a-guid")]
    [InlineData("EscalateHierarchically", "level", "x")]
    [InlineData("NoSuchCommand", "any", "thing")]
    public void An_entry_whose_data_does_not_read_is_an_unrecognized_event_not_an_error(string command, string key, string value)
    {
        var data = new Dictionary<string, string> { [key] = value };
        var entry = new AuditEntry(Tenant, Incident.RecordType, Guid.NewGuid().ToString(), 1, Instant.FromUnixTimeSeconds(0), Agent, command, "New", "New", data);

        var @event = Assert.IsType<UnrecognizedEvent>(entry.Event);
        Assert.Equal(new UnrecognizedEvent(Incident.RecordType, command, data), @event);
    }

    [Fact]
    public void An_entry_of_another_record_type_is_not_read_as_an_incident_event()
    {
        var data = new Dictionary<string, string> { ["group"] = "Messaging" };
        var entry = new AuditEntry(Tenant, "SomethingElse", "x", 1, Instant.FromUnixTimeSeconds(0), Agent, "Assign", "New", "New", data);

        Assert.IsType<UnrecognizedEvent>(entry.Event);
    }

    private static (Incident Incident, FakeClock Clock) Opened()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromMinutes(1));
        var incident = Incident.Open(Tenant, IncidentId.New(), Agent, "alice", "E-mail is down", Impact.Medium, Urgency.Medium, clock, service: new ServiceId("email"));
        return (incident, clock);
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> data) => new(data.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

}
