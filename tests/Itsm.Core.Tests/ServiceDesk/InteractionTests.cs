using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.ServiceDesk;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.ServiceDesk;

/// <summary>
/// <see cref="Interaction"/>: logged, then classified exactly once (incident, service request, or a
/// question answered on first contact); every classified state is terminal.
/// </summary>
public sealed class InteractionTests
{
    internal static TenantId Tenant { get; } = new("acme");

    internal static Actor DeskAgent { get; } = new("agent.smith", "itil");

    internal static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    private static InteractionCommand[] AllCommands { get; } = Enum.GetValues<InteractionCommand>();

    internal static Interaction Log(FakeClock clock, Channel channel = Channel.Phone) =>
        Interaction.Log(Tenant, InteractionId.New(), DeskAgent, channel, "caller.jones", "Cannot send e-mail", clock);

    internal static RecordProbe Probe(Interaction interaction) => RecordProbe.Of(
        Interaction.RecordType,
        interaction.Id.ToString(),
        interaction.Tenant,
        () => interaction.State.ToString(),
        () => interaction.Version,
        () => interaction.UncommittedAuditEntries,
        () => (interaction.IncidentId, interaction.ServiceRequestId, interaction.Answer, interaction.ResolvedOnFirstContact, interaction.LoggedAt));

    /// <summary>An interaction classified into <paramref name="state"/>.</summary>
    private static Interaction InState(InteractionState state, FakeClock clock)
    {
        var interaction = Log(clock);
        clock.Advance(Duration.FromMinutes(2));
        switch (state)
        {
            case InteractionState.Incident:
                interaction.ClassifyAsIncident(DeskAgent, IncidentId.New());
                break;
            case InteractionState.ServiceRequest:
                interaction.ClassifyAsServiceRequest(DeskAgent, ServiceRequestId.New());
                break;
            case InteractionState.Answered:
                interaction.AnswerOnFirstContact(DeskAgent, "Use webmail.");
                break;
        }

        clock.Advance(Duration.FromMinutes(2));
        return interaction;
    }

    private static void Issue(Interaction interaction, InteractionCommand command)
    {
        switch (command)
        {
            case InteractionCommand.ClassifyAsIncident: interaction.ClassifyAsIncident(DeskAgent, IncidentId.New()); break;
            case InteractionCommand.ClassifyAsServiceRequest: interaction.ClassifyAsServiceRequest(DeskAgent, ServiceRequestId.New()); break;
            case InteractionCommand.Answer: interaction.AnswerOnFirstContact(DeskAgent, "Use webmail."); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    // Log.

    [Theory]
    [InlineData(Channel.Phone)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Portal)]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.WalkIn)]
    [InlineData(Channel.Monitoring)]
    public void Log_OnAnyChannel_CreatesALoggedInteractionAtVersionOne(Channel channel)
    {
        var clock = new FakeClock(Monday0900);
        var id = InteractionId.New();

        var interaction = Interaction.Log(Tenant, id, DeskAgent, channel, "caller.jones", "Cannot send e-mail", clock);

        Assert.Equal(InteractionState.Logged, interaction.State);
        Assert.Equal(1, interaction.Version);
        Assert.Equal(channel, interaction.Channel);
        Assert.Equal("caller.jones", interaction.CallerId);
        Assert.Equal("Cannot send e-mail", interaction.ShortDescription);
        Assert.Equal(Monday0900, interaction.LoggedAt);
        Assert.Null(interaction.IncidentId);
        Assert.Null(interaction.ServiceRequestId);
        Assert.Null(interaction.Answer);
        Assert.False(interaction.ResolvedOnFirstContact);
        Assert.Equal(AllCommands, interaction.PermittedCommands);
        RecordProbe.AssertEntry(Assert.Single(interaction.UncommittedAuditEntries), Tenant, "Interaction", id.ToString(), 1, Monday0900, DeskAgent,
            "Log", "Logged", "Logged", ("channel", channel.ToString()), ("callerId", "caller.jones"));
        Assert.Equal($"Interaction {id} (Logged)", interaction.ToString());
    }

    [Fact]
    public void Log_WithBadArguments_ThrowsNamingThem()
    {
        var clock = new FakeClock(Monday0900);

        Assert.Equal("tenant", Assert.ThrowsAny<ArgumentException>(() =>
            Interaction.Log(default, InteractionId.New(), DeskAgent, Channel.Phone, "c", "d", clock)).ParamName);
        var emptyId = Assert.Throws<ArgumentException>(() => Interaction.Log(Tenant, default, DeskAgent, Channel.Phone, "c", "d", clock));
        Assert.Equal("id", emptyId.ParamName);
        Assert.Equal("The interaction id must not be empty. (Parameter 'id')", emptyId.Message);
        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), null!, Channel.Phone, "c", "d", clock)).ParamName);
        Assert.Equal("channel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), DeskAgent, (Channel)6, "c", "d", clock)).ParamName);
        Assert.Equal("channel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), DeskAgent, (Channel)(-1), "c", "d", clock)).ParamName);
        Assert.Equal("callerId", Assert.ThrowsAny<ArgumentException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Phone, " ", "d", clock)).ParamName);
        Assert.Equal("shortDescription", Assert.ThrowsAny<ArgumentException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Phone, "c", "", clock)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() =>
            Interaction.Log(Tenant, InteractionId.New(), DeskAgent, Channel.Phone, "c", "d", null!)).ParamName);
    }

    // Classification.

    [Fact]
    public void ClassifyAsIncident_MovesToIncidentAndRecordsTheIncident()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        clock.Advance(Duration.FromMinutes(4));
        var incident = IncidentId.New();
        var probe = Probe(interaction);

        interaction.ClassifyAsIncident(DeskAgent, incident);

        probe.AssertAccepted("ClassifyAsIncident", InteractionState.Logged, InteractionState.Incident, DeskAgent, clock.GetCurrentInstant(),
            ("incident", incident.ToString()), ("resolvedOnFirstContact", "false"));
        Assert.Equal(incident, interaction.IncidentId);
        Assert.False(interaction.ResolvedOnFirstContact);
    }

    [Fact]
    public void ClassifyAsIncident_ResolvedDuringTheContact_CountsAsAFirstContactResolution()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        var incident = IncidentId.New();
        var probe = Probe(interaction);

        interaction.ClassifyAsIncident(DeskAgent, incident, resolvedOnFirstContact: true);

        probe.AssertAccepted("ClassifyAsIncident", InteractionState.Logged, InteractionState.Incident, DeskAgent, clock.GetCurrentInstant(),
            ("incident", incident.ToString()), ("resolvedOnFirstContact", "true"));
        Assert.True(interaction.ResolvedOnFirstContact);
    }

    [Fact]
    public void ClassifyAsServiceRequest_MovesToServiceRequestAndRecordsTheRequest()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock);
        clock.Advance(Duration.FromMinutes(4));
        var request = ServiceRequestId.New();
        var probe = Probe(interaction);

        interaction.ClassifyAsServiceRequest(DeskAgent, request);

        probe.AssertAccepted("ClassifyAsServiceRequest", InteractionState.Logged, InteractionState.ServiceRequest, DeskAgent, clock.GetCurrentInstant(),
            ("request", request.ToString()));
        Assert.Equal(request, interaction.ServiceRequestId);
        Assert.False(interaction.ResolvedOnFirstContact);
    }

    [Fact]
    public void AnswerOnFirstContact_MovesToAnsweredAndCountsAsAFirstContactResolution()
    {
        var clock = new FakeClock(Monday0900);
        var interaction = Log(clock, Channel.Chat);
        clock.Advance(Duration.FromMinutes(4));
        var probe = Probe(interaction);

        interaction.AnswerOnFirstContact(DeskAgent, "Use webmail while the relay restarts.");

        probe.AssertAccepted("Answer", InteractionState.Logged, InteractionState.Answered, DeskAgent, clock.GetCurrentInstant(),
            ("answer", "Use webmail while the relay restarts."));
        Assert.Equal("Use webmail while the relay restarts.", interaction.Answer);
        Assert.True(interaction.ResolvedOnFirstContact);
    }

    // Refusals.

    [Theory]
    [InlineData(InteractionState.Incident)]
    [InlineData(InteractionState.ServiceRequest)]
    [InlineData(InteractionState.Answered)]
    public void AClassifiedInteraction_RefusesEveryCommandAsTerminal(InteractionState state)
    {
        var interaction = InState(state, new FakeClock(Monday0900));
        var probe = Probe(interaction);

        Assert.Empty(interaction.PermittedCommands);
        foreach (var command in AllCommands)
        {
            Assert.False(interaction.Permits(command));
            var ex = Assert.Throws<InvalidTransitionException>(() => Issue(interaction, command));
            TransitionAssert.Names(ex, "Interaction", state.ToString(), command.ToString());
        }

        probe.AssertUnchanged();
    }

    [Fact]
    public void ClassifyAsIncident_AnAnsweredInteraction_IsRefusedWithTheTerminalMessage()
    {
        var interaction = InState(InteractionState.Answered, new FakeClock(Monday0900));

        var ex = Assert.Throws<InvalidTransitionException>(() => interaction.ClassifyAsIncident(DeskAgent, IncidentId.New()));

        Assert.Equal("Interaction in state Answered cannot ClassifyAsIncident: the state is terminal and permits no command.", ex.Message);
    }

    [Fact]
    public void Commands_WithBadArguments_ThrowNamingThemEvenWhenTerminal()
    {
        var interaction = InState(InteractionState.Answered, new FakeClock(Monday0900));
        var probe = Probe(interaction);

        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() => interaction.ClassifyAsIncident(null!, IncidentId.New())).ParamName);
        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() => interaction.ClassifyAsServiceRequest(null!, ServiceRequestId.New())).ParamName);
        Assert.Equal("agent", Assert.Throws<ArgumentNullException>(() => interaction.AnswerOnFirstContact(null!, "x")).ParamName);
        var incident = Assert.Throws<ArgumentException>(() => interaction.ClassifyAsIncident(DeskAgent, default));
        Assert.Equal("incident", incident.ParamName);
        Assert.Equal("The incident id must not be empty. (Parameter 'incident')", incident.Message);
        var request = Assert.Throws<ArgumentException>(() => interaction.ClassifyAsServiceRequest(DeskAgent, default));
        Assert.Equal("request", request.ParamName);
        Assert.Equal("The request id must not be empty. (Parameter 'request')", request.Message);
        Assert.Equal("answer", Assert.ThrowsAny<ArgumentException>(() => interaction.AnswerOnFirstContact(DeskAgent, " ")).ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Commands_WithBadArgumentsOnALoggedInteraction_ChangeNothing()
    {
        var interaction = Log(new FakeClock(Monday0900));
        var probe = Probe(interaction);

        Assert.ThrowsAny<ArgumentException>(() => interaction.ClassifyAsIncident(DeskAgent, default));
        Assert.ThrowsAny<ArgumentException>(() => interaction.ClassifyAsServiceRequest(DeskAgent, default));
        Assert.ThrowsAny<ArgumentException>(() => interaction.AnswerOnFirstContact(DeskAgent, null!));

        probe.AssertUnchanged();
        Assert.Equal(AllCommands, interaction.PermittedCommands.ToArray());
    }
}
