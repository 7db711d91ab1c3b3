using System;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Incidents;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.ServiceDesk.InteractionTests;
using Itsm.Services;

namespace Itsm.Core.Tests.ServiceDesk;

/// <summary>
/// <see cref="ServiceDeskIntake"/>: raises the incident or service request an interaction is about
/// and classifies the interaction; a second classification is refused and creates nothing.
/// </summary>
public sealed class ServiceDeskIntakeTests
{
    private static readonly CatalogItem Laptop = new("laptop-standard", requiresApproval: true);

    /// <summary>A clock that counts how often it is read: opening or submitting a record reads it.</summary>
    private sealed class CountingClock(Instant now) : IClock
    {
        public int Reads { get; private set; }

        public Instant GetCurrentInstant()
        {
            Reads++;
            return now;
        }
    }

    [Fact]
    public void RaiseIncident_OpensAnIncidentForTheCallerAndClassifiesTheInteraction()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        clock.Advance(Duration.FromMinutes(3));
        var at = clock.GetCurrentInstant();
        var id = IncidentId.New();
        var probe = Probe(interaction);

        var incident = ServiceDeskIntake.RaiseIncident(interaction, id, DeskAgent, Impact.High, Urgency.Medium, clock, service: new ServiceId("email"));

        Assert.Equal(id, incident.Id);
        Assert.Equal(Tenant, incident.Tenant);
        Assert.Equal(IncidentState.New, incident.State);
        Assert.Equal("caller.jones", incident.CallerId);
        Assert.Equal("Cannot send e-mail", incident.ShortDescription);
        Assert.Equal(Priority.High, incident.Priority);
        Assert.Equal("email", incident.Service?.Value);
        RecordProbe.AssertEntry(Assert.Single(incident.UncommittedAuditEntries), Tenant, "Incident", id.ToString(), 1, at, DeskAgent, "Open", "New", "New",
            ("callerId", "caller.jones"), ("impact", "1"), ("urgency", "2"), ("priority", "2"), ("service", "email"));
        probe.AssertAccepted("ClassifyAsIncident", InteractionState.Logged, InteractionState.Incident, DeskAgent, at,
            ("incident", id.ToString()), ("resolvedOnFirstContact", "false"));
        Assert.Equal(id, interaction.IncidentId);
        Assert.False(interaction.ResolvedOnFirstContact);
    }

    [Fact]
    public void RaiseIncident_PassesTheIncidentOptionsOn()
    {
        var clock = new FakeClock(Monday0900);
        var options = new IncidentOptions { Reopen = new IncidentReopenPolicy { Window = IncidentReopenWindow.WallClock(Duration.FromDays(1)) } };

        var incident = ServiceDeskIntake.RaiseIncident(Log(clock), IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock, options);

        Assert.Same(options, incident.Options);
        Assert.Null(incident.Service);
    }

    [Fact]
    public void RaiseServiceRequest_SubmitsARequestForTheCallerAndClassifiesTheInteraction()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock, Channel.Portal);
        clock.Advance(Duration.FromMinutes(3));
        var at = clock.GetCurrentInstant();
        var id = ServiceRequestId.New();
        var probe = Probe(interaction);

        var request = ServiceDeskIntake.RaiseServiceRequest(interaction, id, DeskAgent, Laptop, clock);

        Assert.Equal(id, request.Id);
        Assert.Equal(Tenant, request.Tenant);
        Assert.Equal(ServiceRequestState.Submitted, request.State);
        Assert.Equal("caller.jones", request.RequesterId);
        Assert.Same(Laptop, request.Item);
        var submitted = Assert.Single(request.UncommittedAuditEntries);
        Assert.Equal("Submit", submitted.Command);
        Assert.Equal(at, submitted.At);
        Assert.Equal("caller.jones", submitted.Actor.Id);
        probe.AssertAccepted("ClassifyAsServiceRequest", InteractionState.Logged, InteractionState.ServiceRequest, DeskAgent, at,
            ("request", id.ToString()));
        Assert.Equal(id, interaction.ServiceRequestId);
        Assert.False(interaction.ResolvedOnFirstContact);
    }

    [Fact]
    public void RaiseServiceRequest_ForTheCaller_LetsTheAgentApproveButNotTheCaller()
    {
        var clock = new FakeClock(Monday0900);
        var request = ServiceDeskIntake.RaiseServiceRequest(Log(clock), ServiceRequestId.New(), DeskAgent, Laptop, clock);
        request.RequestApproval(DeskAgent);

        var ex = Assert.Throws<DomainRuleViolationException>(() => request.Approve(new Actor("caller.jones")));

        Assert.Equal("ITSM-REQ-APPROVAL-003", ex.Code);
        request.Approve(DeskAgent);
        Assert.Equal(ServiceRequestState.Fulfilling, request.State);
    }

    // A second classification.

    [Fact]
    public void RaiseIncident_ForAnInteractionAlreadyRaisedAsAnIncident_IsRefusedAndCreatesNothing()
    {
        var clock = new CountingClock(Monday0900);
        var interaction = Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Phone, "caller.jones", "Cannot send e-mail", clock);
        ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock);
        var probe = Probe(interaction);
        var reads = clock.Reads;

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock));

        TransitionAssert.Names(ex, "Interaction", "Incident", "ClassifyAsIncident");
        Assert.Equal(reads, clock.Reads);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseServiceRequest_ForAnInteractionAlreadyRaisedAsAnIncident_IsRefusedAndCreatesNothing()
    {
        var clock = new CountingClock(Monday0900);
        var interaction = Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Phone, "caller.jones", "Cannot send e-mail", clock);
        ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock);
        var probe = Probe(interaction);
        var reads = clock.Reads;

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, Laptop, clock));

        TransitionAssert.Names(ex, "Interaction", "Incident", "ClassifyAsServiceRequest");
        Assert.Equal(reads, clock.Reads);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseIncident_ForAnInteractionAlreadyRaisedAsARequest_IsRefusedAndCreatesNothing()
    {
        var clock = new CountingClock(Monday0900);
        var interaction = Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Portal, "caller.jones", "New laptop", clock);
        ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, Laptop, clock);
        var probe = Probe(interaction);
        var reads = clock.Reads;

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock));

        TransitionAssert.Names(ex, "Interaction", "ServiceRequest", "ClassifyAsIncident");
        Assert.Equal(reads, clock.Reads);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseServiceRequest_ForAnAnsweredInteraction_IsRefusedAndCreatesNothing()
    {
        var clock = new CountingClock(Monday0900);
        var interaction = Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Chat, "caller.jones", "How do I get a laptop?", clock);
        interaction.AnswerOnFirstContact(DeskAgent, "Order one in the portal.");
        var probe = Probe(interaction);
        var reads = clock.Reads;

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, Laptop, clock));

        TransitionAssert.Names(ex, "Interaction", "Answered", "ClassifyAsServiceRequest");
        Assert.Equal(reads, clock.Reads);
        probe.AssertUnchanged();
        Assert.True(interaction.ResolvedOnFirstContact);
    }

    // Arguments: nothing is created and the interaction stays logged.

    [Fact]
    public void RaiseIncident_WithBadArguments_ThrowsAndLeavesTheInteractionLogged()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        var probe = Probe(interaction);

        Assert.Equal("interaction", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseIncident(null!, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, default, DeskAgent, Impact.Low, Urgency.Low, clock)).ParamName);
        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), null!, Impact.Low, Urgency.Low, clock)).ParamName);
        Assert.Equal("impact", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, (Impact)9, Urgency.Low, clock)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, null!)).ParamName);

        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseServiceRequest_WithBadArguments_ThrowsAndLeavesTheInteractionLogged()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        var probe = Probe(interaction);

        Assert.Equal("interaction", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(null!, ServiceRequestId.New(), DeskAgent, Laptop, clock)).ParamName);
        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), null!, Laptop, clock)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(interaction, default, DeskAgent, Laptop, clock)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() =>
            ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, null!, clock)).ParamName);

        probe.AssertUnchanged();
    }

    // Arguments come before the state (the command contract), also on an interaction already classified.

    private static Interaction Answered(FakeClock clock)
    {
        var interaction = Log(clock);
        interaction.AnswerOnFirstContact(DeskAgent, "Use webmail.");
        return interaction;
    }

    [Fact]
    public void RaiseIncident_WithAnEmptyIdOnAClassifiedInteraction_ThrowsNamingId()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);
        var probe = Probe(interaction);

        var ex = Assert.ThrowsAny<ArgumentException>(() => ServiceDeskIntake.RaiseIncident(interaction, default, DeskAgent, Impact.Low, Urgency.Low, clock));

        Assert.Equal("id", ex.ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseIncident_WithAnUndefinedImpactOnAClassifiedInteraction_ThrowsNamingImpact()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);

        var ex = Record.Exception(() => ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, (Impact)9, Urgency.Low, clock));

        Assert.Equal("impact", Assert.IsType<ArgumentOutOfRangeException>(ex).ParamName);
    }

    [Fact]
    public void RaiseIncident_WithoutAClockOnAClassifiedInteraction_ThrowsNamingClock()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);

        var ex = Record.Exception(() => ServiceDeskIntake.RaiseIncident(interaction, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, null!));

        Assert.Equal("clock", Assert.IsType<ArgumentNullException>(ex).ParamName);
    }

    [Fact]
    public void RaiseServiceRequest_WithAnEmptyIdOnAClassifiedInteraction_ThrowsNamingId()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);
        var probe = Probe(interaction);

        var ex = Assert.ThrowsAny<ArgumentException>(() => ServiceDeskIntake.RaiseServiceRequest(interaction, default, DeskAgent, Laptop, clock));

        Assert.Equal("id", ex.ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void RaiseServiceRequest_WithoutAnItemOnAClassifiedInteraction_ThrowsNamingItem()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);

        var ex = Record.Exception(() => ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, null!, clock));

        Assert.Equal("item", Assert.IsType<ArgumentNullException>(ex).ParamName);
    }

    [Fact]
    public void RaiseServiceRequest_WithoutAClockOnAClassifiedInteraction_ThrowsNamingClock()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Answered(clock);

        var ex = Record.Exception(() => ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), DeskAgent, Laptop, null!));

        Assert.Equal("clock", Assert.IsType<ArgumentNullException>(ex).ParamName);
    }

    // First-contact resolution.

    [Fact]
    public void ResolvedOnFirstContact_IsTrueOnlyForAnsweredQuestionsAndIncidentsResolvedDuringTheContact()
    {
        var clock = new FakeClock(Monday0900);
        var answered = Log(clock);
        answered.AnswerOnFirstContact(DeskAgent, "Use webmail.");
        var raisedIncident = Log(clock);
        ServiceDeskIntake.RaiseIncident(raisedIncident, IncidentId.New(), DeskAgent, Impact.Low, Urgency.Low, clock);
        var raisedRequest = Log(clock);
        ServiceDeskIntake.RaiseServiceRequest(raisedRequest, ServiceRequestId.New(), DeskAgent, Laptop, clock);
        var fixedOnThePhone = Log(clock);
        fixedOnThePhone.ClassifyAsIncident(DeskAgent, IncidentId.New(), resolvedOnFirstContact: true);

        Assert.True(answered.ResolvedOnFirstContact);
        Assert.False(raisedIncident.ResolvedOnFirstContact);
        Assert.False(raisedRequest.ResolvedOnFirstContact);
        Assert.True(fixedOnThePhone.ResolvedOnFirstContact);
        Assert.False(Log(clock).ResolvedOnFirstContact);
    }
}
