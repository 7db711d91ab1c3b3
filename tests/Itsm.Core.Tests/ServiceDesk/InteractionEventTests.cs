using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime.Testing;

namespace Itsm.Core.Tests.ServiceDesk;

/// <summary>
/// The typed events of interactions: each command's audit entry keeps the command name, data keys and
/// value formats the audit log has always stored, and reads back as its event type.
/// </summary>
public sealed class InteractionEventTests
{
    private static readonly Guid IncidentGuid = Guid.Parse("0b6e2f7e-5d7c-4c1a-9a57-3c2f1d0e8b11");
    private static readonly Guid RequestGuid = Guid.Parse("7f1c9a2b-3e4d-4f5a-8b6c-9d0e1f2a3b4c");

    private static Dictionary<string, string> Data(params (string Key, string Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    private static FakeClock NewClock() => new(InteractionTests.Monday0900);

    [Theory]
    [InlineData(Channel.Phone, "Phone")]
    [InlineData(Channel.WalkIn, "WalkIn")]
    [InlineData(Channel.Monitoring, "Monitoring")]
    public void Log_writes_the_channel_by_name_and_the_caller(Channel channel, string stored)
    {
        var interaction = InteractionTests.Log(NewClock(), channel);

        var entry = Assert.Single(interaction.UncommittedAuditEntries);
        AuditAssert.Data(Data(("channel", stored), ("callerId", "caller.jones")), entry.Data);
        Assert.Equal(new InteractionLogged(channel, "caller.jones"), AuditAssert.TypedEvent(entry, typeof(InteractionLogged)));
    }

    [Theory]
    [InlineData(false, "false")]
    [InlineData(true, "true")]
    public void Classifying_as_an_incident_writes_its_id_and_first_contact_resolution(bool resolved, string stored)
    {
        var interaction = InteractionTests.Log(NewClock());
        interaction.ClassifyAsIncident(InteractionTests.DeskAgent, new IncidentId(IncidentGuid), resolved);

        var entry = interaction.UncommittedAuditEntries[^1];
        Assert.Equal("ClassifyAsIncident", entry.Command);
        AuditAssert.Data(Data(("incident", "0b6e2f7e-5d7c-4c1a-9a57-3c2f1d0e8b11"), ("resolvedOnFirstContact", stored)), entry.Data);
        Assert.Equal(new InteractionClassifiedAsIncident(new IncidentId(IncidentGuid), resolved), AuditAssert.TypedEvent(entry, typeof(InteractionClassifiedAsIncident)));
    }

    [Fact]
    public void Classifying_as_a_service_request_and_answering_write_the_stored_audit_format()
    {
        var clock = NewClock();
        var request = InteractionTests.Log(clock);
        var question = InteractionTests.Log(clock);
        request.ClassifyAsServiceRequest(InteractionTests.DeskAgent, new ServiceRequestId(RequestGuid));
        question.AnswerOnFirstContact(InteractionTests.DeskAgent, "Use the self-service portal.");

        var classified = request.UncommittedAuditEntries[^1];
        var answered = question.UncommittedAuditEntries[^1];
        Assert.Equal(("ClassifyAsServiceRequest", "Answer"), (classified.Command, answered.Command));
        AuditAssert.Data(Data(("request", "7f1c9a2b-3e4d-4f5a-8b6c-9d0e1f2a3b4c")), classified.Data);
        AuditAssert.Data(Data(("answer", "Use the self-service portal.")), answered.Data);
        Assert.Equal(new InteractionClassifiedAsServiceRequest(new ServiceRequestId(RequestGuid)), AuditAssert.TypedEvent(classified, typeof(InteractionClassifiedAsServiceRequest)));
        Assert.Equal(new InteractionAnswered("Use the self-service portal."), AuditAssert.TypedEvent(answered, typeof(InteractionAnswered)));
    }

    [Fact]
    public void The_intake_records_typed_events_on_the_interaction_and_the_request()
    {
        var clock = NewClock();
        var interaction = InteractionTests.Log(clock);
        var id = new ServiceRequestId(RequestGuid);

        var request = ServiceDeskIntake.RaiseServiceRequest(interaction, id, InteractionTests.DeskAgent, new CatalogItem("laptop-standard", true), clock);

        Assert.Equal(new InteractionClassifiedAsServiceRequest(id), AuditAssert.TypedEvent(interaction.UncommittedAuditEntries[^1], typeof(InteractionClassifiedAsServiceRequest)));
        var submitted = Assert.Single(request.UncommittedAuditEntries);
        Assert.Equal(new Actor("caller.jones"), submitted.Actor);
        Assert.Equal(new ServiceRequestSubmitted("laptop-standard", Priority.Low), AuditAssert.TypedEvent(submitted, typeof(ServiceRequestSubmitted)));
    }

    [Theory]
    [InlineData("Log", "channel", "7")]
    [InlineData("Log", "channel", "Fax")]
    [InlineData("Log", "callerId", null)]
    [InlineData("ClassifyAsIncident", "incident", "not-a-guid")]
    [InlineData("ClassifyAsIncident", "resolvedOnFirstContact", "True")]
    [InlineData("ClassifyAsIncident", "resolvedOnFirstContact", null)]
    [InlineData("ClassifyAsServiceRequest", "request", null)]
    [InlineData("Answer", "answer", null)]
    public void Data_no_event_reads_is_kept_as_an_unrecognized_event(string command, string key, string? value)
    {
        var data = new Dictionary<string, string>
        {
            ["channel"] = "Phone",
            ["callerId"] = "c",
            ["incident"] = IncidentGuid.ToString(),
            ["resolvedOnFirstContact"] = "false",
            ["request"] = RequestGuid.ToString(),
            ["answer"] = "a",
        };
        if (value is null)
        {
            data.Remove(key);
        }
        else
        {
            data[key] = value;
        }

        var entry = new AuditEntry(InteractionTests.Tenant, Interaction.RecordType, InteractionId.New().ToString(), 1, InteractionTests.Monday0900, InteractionTests.DeskAgent, command, "Logged", "Logged", data);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);
        Assert.Equal((Interaction.RecordType, command), (read.RecordType, read.CommandName));
    }
}
