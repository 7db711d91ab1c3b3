using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Incidents;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>
/// Every refusal of docs/lifecycles/README.md for incidents: the state (InvalidTransitionException),
/// the rules (DomainRuleViolationException with its code) and the arguments (ArgumentException
/// naming the parameter), in that order; a refused command changes nothing.
/// </summary>
public sealed class IncidentRefusalTests
{
    public static TheoryData<IncidentState> States() => new(AllStates);

    public static TheoryData<IncidentState, IncidentCommand> RefusedByState()
    {
        var data = new TheoryData<IncidentState, IncidentCommand>();
        foreach (var state in AllStates)
        {
            foreach (var command in AllCommands.Except(Permitted[state]))
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    // The state.

    [Theory]
    [MemberData(nameof(States))]
    public void PermittedCommands_InEachState_AreTheCommandsTheReadmeLists(IncidentState state)
    {
        var incident = InState(state, NewClock());

        Assert.Equal(Permitted[state], incident.PermittedCommands);
        foreach (var command in AllCommands)
        {
            Assert.Equal(Permitted[state].Contains(command), incident.Permits(command));
        }
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(IncidentState state, IncidentCommand command)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(incident, command, clock));

        TransitionAssert.Names(ex, "Incident", state.ToString(), command.ToString(), TransitionAssert.Names(Permitted[state]));
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Canceled)]
    public void ATerminalIncident_RefusesEveryCommand(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        // A closed incident still takes its survey result (docs/kpis.md, "Customer satisfaction"); nothing else.
        foreach (var command in AllCommands.Where(c => c != IncidentCommand.RecordSatisfaction))
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => Issue(incident, command, clock));
            Assert.Equal(Permitted[state].Select(c => c.ToString()), ex.PermittedTriggers);
        }

        Assert.Equal(Permitted[state], incident.PermittedCommands);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Close_ANewIncident_IsRefusedWithAMessageListingWhatNewPermits()
    {
        var incident = Open(NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.Close(Agent));

        Assert.Equal(
            "Incident in state New cannot Close; it permits: Assign, PutOnHold, RecordCallerResponse, Resolve, Cancel, ChangeImpactOrUrgency, "
            + "EscalateFunctionally, EscalateHierarchically, PromoteToMajor, DemoteFromMajor, AttachToParent, RecordPostIncidentReview, LinkCausedByChange, LinkProblem, SlaThreshold, Unassign, StartWork, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, LinkKnowledgeArticle, AddWorkNote, AddComment, LogTime.",
            ex.Message);
        Assert.Equal("ITSM-LC-TRANSITION-001", ex.Code);
    }

    [Fact]
    public void PutOnHold_AnIncidentAlreadyOnHold_IsRefusedWithAMessageListingWhatOnHoldPermits()
    {
        var incident = InState(IncidentState.OnHold, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingChange));

        Assert.Equal(
            "Incident in state OnHold cannot PutOnHold; it permits: Assign, Resume, RecordCallerResponse, Resolve, Cancel, ChangeImpactOrUrgency, "
            + "EscalateFunctionally, EscalateHierarchically, PromoteToMajor, DemoteFromMajor, AttachToParent, RecordPostIncidentReview, LinkCausedByChange, LinkProblem, SlaThreshold, Unassign, ChangeHoldReason, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, LinkKnowledgeArticle, AddWorkNote, AddComment, LogTime.",
            ex.Message);
    }

    [Fact]
    public void Cancel_AResolvedIncident_IsRefusedWithAMessageListingWhatResolvedPermits()
    {
        var incident = InState(IncidentState.Resolved, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.Cancel(Agent, "Not needed."));

        Assert.Equal("Incident in state Resolved cannot Cancel; it permits: Assign, Reopen, Close, ChangeImpactOrUrgency, RecordPostIncidentReview, LinkCausedByChange, LinkProblem, SlaThreshold, Unassign, ChangeService, AddConfigurationItem, RemoveConfigurationItem, LinkKnowledgeArticle, RecordSatisfaction, AddWorkNote, AddComment, LogTime.", ex.Message);
        Assert.Equal("Resolved", ex.State);
        Assert.Equal("Cancel", ex.Trigger);
        Assert.Equal(["Assign", "Reopen", "Close", "ChangeImpactOrUrgency", "RecordPostIncidentReview", "LinkCausedByChange", "LinkProblem", "SlaThreshold", "Unassign", "ChangeService", "AddConfigurationItem", "RemoveConfigurationItem", "LinkKnowledgeArticle", "RecordSatisfaction", "AddWorkNote", "AddComment", "LogTime"], ex.PermittedTriggers);
    }

    [Fact]
    public void Resolve_AClosedIncident_IsRefusedNamingTheSurveyAsAllItTakes()
    {
        var incident = InState(IncidentState.Closed, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution));

        Assert.Equal("Incident in state Closed cannot Resolve; it permits: RecordSatisfaction.", ex.Message);
        Assert.Equal("Incident", ex.RecordType);
    }

    [Fact]
    public void Reopen_ACanceledIncident_IsRefusedAsTerminal()
    {
        var incident = InState(IncidentState.Canceled, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.Reopen(Caller, "Please."));

        Assert.Equal("Incident in state Canceled cannot Reopen: the state is terminal and permits no command.", ex.Message);
    }

    // The state is checked before the rules.

    [Fact]
    public void Resolve_WithoutNotesOnAClosedIncident_IsRefusedByTheStateNotTheRule()
    {
        var incident = InState(IncidentState.Closed, NewClock());

        Assert.Throws<InvalidTransitionException>(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, ""));
    }

    [Fact]
    public void PutOnHold_AwaitingTheCallerWithoutACommentWhileResolved_IsRefusedByTheStateNotTheRule()
    {
        var incident = InState(IncidentState.Resolved, NewClock());

        Assert.Throws<InvalidTransitionException>(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller));
    }

    [Fact]
    public void Reopen_ByAnotherActorOnACanceledIncident_IsRefusedByTheStateNotTheRule()
    {
        var incident = InState(IncidentState.Canceled, NewClock());

        Assert.Throws<InvalidTransitionException>(() => incident.Reopen(Agent, "Please."));
    }

    [Fact]
    public void DemoteFromMajor_ANonMajorClosedIncident_IsRefusedByTheStateNotTheRule()
    {
        var incident = InState(IncidentState.Closed, NewClock());

        Assert.Throws<InvalidTransitionException>(() => incident.DemoteFromMajor(Agent, "No."));
    }

    // The rules.

    [Theory]
    [InlineData(IncidentState.New, null)]
    [InlineData(IncidentState.New, "")]
    [InlineData(IncidentState.InProgress, null)]
    [InlineData(IncidentState.InProgress, "   ")]
    public void PutOnHold_AwaitingTheCallerWithoutAComment_IsRefusedWithHold001(IncidentState state, string? comment)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, comment));

        Assert.Equal("ITSM-INC-HOLD-001", ex.Code);
        Assert.Equal("Putting an incident on hold awaiting the caller needs a comment saying what the caller is asked for.", ex.Message);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(IncidentState.New, null)]
    [InlineData(IncidentState.InProgress, "")]
    [InlineData(IncidentState.OnHold, "  ")]
    public void Resolve_WithoutNotes_IsRefusedWithResolve001(IncidentState state, string? notes)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, notes!));

        Assert.Equal("ITSM-INC-RESOLVE-001", ex.Code);
        Assert.Equal("Resolving an incident needs resolution notes.", ex.Message);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void ChangeImpactOrUrgency_WithNothingChanged_IsRefusedWithPriority001(IncidentState state)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.ChangeImpactOrUrgency(Agent, incident.Impact, incident.Urgency));

        Assert.Equal("ITSM-INC-PRIORITY-001", ex.Code);
        Assert.Equal("Impact and urgency are unchanged.", ex.Message);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void EscalateFunctionally_ToTheCurrentGroup_IsRefusedWithEscalate001(IncidentState state)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.EscalateFunctionally(Agent, new SupportGroupId(DeskGroup), "Why not."));

        Assert.Equal("ITSM-INC-ESCALATE-001", ex.Code);
        Assert.Equal("The incident is already assigned to Service Desk.", ex.Message);
        probe.AssertUnchanged();
    }

    // The arguments, checked before the state.

    [Fact]
    public void EveryCommand_WithoutAnActor_ThrowsNamingTheActorEvenInATerminalState()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Closed, clock);
        var parent = MajorIncident(clock);
        var probe = incident.Probe();
        Action[] commands =
        [
            () => incident.Assign(null!, new SupportGroupId(DeskGroup)),
            () => incident.PutOnHold(null!, OnHoldReason.AwaitingVendor),
            () => incident.Resume(null!),
            () => incident.RecordCallerResponse(null!, "x"),
            () => incident.Resolve(null!, IncidentResolutionCode.SolvedPermanently, "x"),
            () => incident.Reopen(null!, "x"),
            () => incident.Close(null!),
            () => incident.Cancel(null!, "x"),
            () => incident.ChangeImpactOrUrgency(null!, Impact.High, Urgency.High),
            () => incident.EscalateFunctionally(null!, new SupportGroupId(NetworkGroup), "x"),
            () => incident.EscalateHierarchically(null!, "manager.brown", "x"),
            () => incident.PromoteToMajor(null!, "x"),
            () => incident.DemoteFromMajor(null!, "x"),
            () => incident.AttachToParent(null!, parent),
            () => incident.RecordPostIncidentReview(null!, "x"),
            () => incident.LinkCausedByChange(null!, "CHG0001"),
            () => incident.LinkProblem(null!, "PRB0001"),
            () => incident.RecordSlaThreshold(null!, NextThreshold(null, clock.GetCurrentInstant())),
            () => incident.Unassign(null!),
            () => incident.StartWork(null!),
            () => incident.ChangeHoldReason(null!, OnHoldReason.AwaitingVendor),
            () => incident.ChangeService(null!, new ServiceId("email")),
            () => incident.AddConfigurationItem(null!, new ConfigurationItemId("mx01")),
            () => incident.RemoveConfigurationItem(null!, new ConfigurationItemId("mx01")),
            () => incident.AssignToSupplier(null!, new SupplierId("acme-dns")),
            () => incident.AddWorkNote(null!, "x"),
            () => incident.AddComment(null!, "x"),
            () => incident.LogTime(null!, NodaTime.Duration.FromMinutes(1)),
            () => incident.LinkKnowledgeArticle(null!, Itsm.Knowledge.KnowledgeArticleId.New()),
            () => incident.RecordSatisfaction(null!, 5, null, "rita"),
            () => incident.TransitionWorkflow(null!, "x"),
        ];

        Assert.Equal(AllCommands.Count, commands.Length);
        foreach (var command in commands)
        {
            Assert.Equal("actor", Assert.Throws<ArgumentNullException>(command).ParamName);
        }

        probe.AssertUnchanged();
    }

    public static TheoryData<string, string?> BlankTextArguments()
    {
        var data = new TheoryData<string, string?>();
        foreach (var name in new[] { "group", "comment", "reason", "toGroup", "manager", "summary", "changeId", "problemId" })
        {
            data.Add(name, null);
            data.Add(name, "");
            data.Add(name, " ");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BlankTextArguments))]
    public void ACommand_WithABlankRequiredText_ThrowsNamingItAndChangesNothing(string parameter, string? blank)
    {
        // Every text argument an open incident's commands require, tried on an incident that permits them all.
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();
        Action[] commands = parameter switch
        {
            "group" => [() => incident.Assign(Agent, default(SupportGroupId))], // a typed id cannot be blank; its default is refused
            "comment" => [() => incident.RecordCallerResponse(Caller, blank!)],
            "reason" =>
            [
                () => incident.Cancel(Agent, blank!),
                () => incident.EscalateFunctionally(Agent, new SupportGroupId(NetworkGroup), blank!),
                () => incident.EscalateHierarchically(Agent, "manager.brown", blank!),
                () => incident.PromoteToMajor(Agent, blank!),
                () => incident.DemoteFromMajor(Agent, blank!),
            ],
            "toGroup" => [() => incident.EscalateFunctionally(Agent, default, "x")],
            "manager" => [() => incident.EscalateHierarchically(Agent, blank!, "x")],
            "summary" => [() => incident.RecordPostIncidentReview(Agent, blank!)],
            "changeId" => [() => incident.LinkCausedByChange(Agent, blank!)],
            "problemId" => [() => incident.LinkProblem(Agent, blank!)],
            _ => throw new ArgumentOutOfRangeException(nameof(parameter)),
        };

        foreach (var command in commands)
        {
            Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(command).ParamName);
        }

        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Reopen_WithABlankReason_ThrowsNamingReason(string? reason)
    {
        var incident = InState(IncidentState.Resolved, NewClock());
        var probe = incident.Probe();

        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => incident.Reopen(Caller, reason!)).ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void AttachToParent_WithoutAParent_ThrowsNamingParent()
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        Assert.Equal("parent", Assert.Throws<ArgumentNullException>(() => incident.AttachToParent(Agent, null!)).ParamName);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void PutOnHold_WithAnUndefinedReason_ThrowsNamingReason(int reason)
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        Assert.Equal("reason", Assert.Throws<ArgumentOutOfRangeException>(() => incident.PutOnHold(Agent, (OnHoldReason)reason, "x")).ParamName);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Resolve_WithAnUndefinedCode_ThrowsNamingCode(int code)
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        Assert.Equal("code", Assert.Throws<ArgumentOutOfRangeException>(() => incident.Resolve(Agent, (IncidentResolutionCode)code, Resolution)).ParamName);
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(0, 1, "impact")]
    [InlineData(4, 1, "impact")]
    [InlineData(1, 0, "urgency")]
    [InlineData(1, 4, "urgency")]
    public void ChangeImpactOrUrgency_WithAnUndefinedValue_ThrowsNamingIt(int impact, int urgency, string parameter)
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => incident.ChangeImpactOrUrgency(Agent, (Impact)impact, (Urgency)urgency));

        Assert.Equal(parameter, ex.ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Resolve_WithAnUndefinedCodeOnAClosedIncident_IsRefusedByTheArgumentBeforeTheState()
    {
        var incident = InState(IncidentState.Closed, NewClock());

        Assert.Throws<ArgumentOutOfRangeException>(() => incident.Resolve(Agent, (IncidentResolutionCode)42, Resolution));
    }

    [Fact]
    public void ARefusedCommand_LeavesTheNextAcceptedCommandNumberedAsIfItNeverHappened()
    {
        // A refused command leaves the next accepted command's instant and version untouched.
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        Assert.Throws<DomainRuleViolationException>(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller));
        clock.Advance(Duration.FromMinutes(1));
        var probe = incident.Probe();

        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Which mail client?");

        probe.AssertAccepted("PutOnHold", IncidentState.InProgress, IncidentState.OnHold, Agent, clock.GetCurrentInstant(),
            ("onHoldReason", "AwaitingCaller"), ("comment", "Which mail client?"));
    }
}
