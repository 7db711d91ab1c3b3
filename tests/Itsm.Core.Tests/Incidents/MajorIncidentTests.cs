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
/// Major incidents: promote and demote, children attached to a major parent, the post-incident
/// review a major incident needs before it closes.
/// </summary>
public sealed class MajorIncidentTests
{
    // PromoteToMajor.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void PromoteToMajor_AnOpenIncident_MakesItMajorAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.PromoteToMajor(IncidentManager, "Everyone is affected.");

        probe.AssertAccepted("PromoteToMajor", state, state, IncidentManager, clock.GetCurrentInstant(), ("reason", "Everyone is affected."));
        Assert.True(incident.IsMajor);
        Assert.Equal("true", incident.ToTicketSnapshot().Attributes["major"]);
    }

    [Fact]
    public void PromoteToMajor_AMajorIncident_IsRefusedWithMajor002()
    {
        var incident = MajorIncident(NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.PromoteToMajor(IncidentManager, "Again."));

        Assert.Equal("ITSM-INC-MAJOR-002", ex.Code);
        Assert.Equal("The incident is already a major incident.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void PromoteToMajor_AChildOfAMajorIncident_IsRefusedWithMajor003()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        var child = InState(IncidentState.InProgress, clock);
        child.AttachToParent(Agent, parent);
        var probe = child.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => child.PromoteToMajor(IncidentManager, "Big too."));

        Assert.Equal("ITSM-INC-MAJOR-003", ex.Code);
        Assert.Equal($"The incident is a child of major incident {parent.Id}; a child cannot be promoted.", ex.Message);
        probe.AssertUnchanged();
    }

    // DemoteFromMajor.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void DemoteFromMajor_AMajorIncident_MakesItOrdinaryAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        incident.PromoteToMajor(IncidentManager, "Everyone is affected.");
        clock.Advance(Duration.FromMinutes(30));
        var probe = incident.Probe();

        incident.DemoteFromMajor(IncidentManager, "Only one site.");

        probe.AssertAccepted("DemoteFromMajor", state, state, IncidentManager, clock.GetCurrentInstant(), ("reason", "Only one site."));
        Assert.False(incident.IsMajor);
        Assert.Equal("false", incident.ToTicketSnapshot().Attributes["major"]);
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void DemoteFromMajor_AnOrdinaryIncident_IsRefusedWithMajor004(IncidentState state)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.DemoteFromMajor(IncidentManager, "No."));

        Assert.Equal("ITSM-INC-MAJOR-004", ex.Code);
        Assert.Equal("The incident is not a major incident.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void PromoteToMajor_AResolvedIncident_IsRefusedByTheState()
    {
        var incident = InState(IncidentState.Resolved, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => incident.PromoteToMajor(IncidentManager, "Late."));

        Assert.Equal("PromoteToMajor", ex.Trigger);
    }

    // AttachToParent.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void AttachToParent_AMajorIncidentOfTheTenant_MakesItTheParent(IncidentState state)
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        var child = InState(state, clock);
        var probe = child.Probe();

        child.AttachToParent(Agent, parent);

        probe.AssertAccepted("AttachToParent", state, state, Agent, clock.GetCurrentInstant(), ("parent", parent.Id.ToString()));
        Assert.Equal(parent.Id, child.ParentId);
    }

    [Fact]
    public void AttachToParent_ChangesNothingOnTheParent()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        var child = InState(IncidentState.New, clock);
        var parentProbe = parent.Probe();

        child.AttachToParent(Agent, parent);

        parentProbe.AssertUnchanged();
    }

    [Fact]
    public void AttachToParent_AResolvedMajorIncident_IsRefusedWithParent002()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        parent.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "Power restored.");
        var child = InState(IncidentState.InProgress, clock);
        var probe = child.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => child.AttachToParent(Agent, parent));

        Assert.Equal("ITSM-INC-PARENT-002", ex.Code);
        Assert.Equal($"Major incident {parent.Id} is Resolved; children can only be attached to an open major incident.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void AttachToParent_AnIncidentThatIsNotMajor_IsRefusedWithParent001()
    {
        var clock = NewClock();
        var notMajor = InState(IncidentState.InProgress, clock);
        var child = InState(IncidentState.InProgress, clock);

        AssertParentRefused(child, notMajor);
    }

    [Fact]
    public void AttachToParent_ItselfAsMajor_IsRefusedWithParent001()
    {
        var incident = MajorIncident(NewClock());

        AssertParentRefused(incident, incident);
    }

    [Fact]
    public void AttachToParent_ItselfWhileOrdinary_IsRefusedWithParent001()
    {
        var incident = InState(IncidentState.InProgress, NewClock());

        AssertParentRefused(incident, incident);
    }

    [Fact]
    public void AttachToParent_AMajorIncidentOfAnotherTenant_IsRefusedWithParent001()
    {
        var clock = NewClock();
        var foreignParent = MajorIncident(clock, OtherTenant);
        var child = InState(IncidentState.InProgress, clock);

        AssertParentRefused(child, foreignParent);
    }

    [Fact]
    public void AttachToParent_AMajorIncidentAsTheChild_IsRefusedWithParent001()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        var otherMajor = MajorIncident(clock);

        AssertParentRefused(otherMajor, parent);
    }

    private static void AssertParentRefused(Incident child, Incident parent)
    {
        var probe = child.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => child.AttachToParent(Agent, parent));

        Assert.Equal("ITSM-INC-PARENT-001", ex.Code);
        Assert.Equal("An incident can only be attached to another major incident of the same tenant, and a major incident cannot be a child.", ex.Message);
        probe.AssertUnchanged();
    }

    // The post-incident review and closing.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Resolved)]
    public void RecordPostIncidentReview_OfAMajorIncident_IsRecordedAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = Open(clock);
        incident.PromoteToMajor(IncidentManager, "Everyone is affected.");
        switch (state)
        {
            case IncidentState.InProgress:
                incident.Assign(Agent, new SupportGroupId(DeskGroup));
                break;
            case IncidentState.OnHold:
                incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
                break;
            case IncidentState.Resolved:
                incident.Resolve(IncidentManager, IncidentResolutionCode.SolvedPermanently, Resolution);
                break;
        }

        clock.Advance(Duration.FromDays(1));
        var probe = incident.Probe();

        incident.RecordPostIncidentReview(IncidentManager, "Relay capacity doubled; alerting added.");

        probe.AssertAccepted("RecordPostIncidentReview", state, state, IncidentManager, clock.GetCurrentInstant(), ("summary", "Relay capacity doubled; alerting added."));
        Assert.True(incident.HasPostIncidentReview);
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Resolved)]
    public void RecordPostIncidentReview_OfAnOrdinaryIncident_IsRefusedWithMajor004(IncidentState state)
    {
        var incident = InState(state, NewClock());
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.RecordPostIncidentReview(IncidentManager, "Nothing to say."));

        Assert.Equal("ITSM-INC-MAJOR-004", ex.Code);
        Assert.Equal("The incident is not a major incident.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Close_AResolvedMajorIncidentWithoutAReview_IsRefusedWithMajor001()
    {
        var clock = NewClock();
        var incident = MajorIncident(clock);
        incident.Resolve(IncidentManager, IncidentResolutionCode.SolvedPermanently, Resolution);
        var probe = incident.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => incident.Close(IncidentManager));

        Assert.Equal("ITSM-INC-MAJOR-001", ex.Code);
        Assert.Equal("A major incident needs a post-incident review before it closes.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Close_AResolvedMajorIncidentReviewedAfterResolution_MovesToClosed()
    {
        var clock = NewClock();
        var incident = MajorIncident(clock);
        incident.Resolve(IncidentManager, IncidentResolutionCode.SolvedPermanently, Resolution);
        incident.RecordPostIncidentReview(IncidentManager, "Relay capacity doubled.");
        clock.Advance(Duration.FromDays(2));
        var probe = incident.Probe();

        incident.Close(IncidentManager);

        probe.AssertAccepted("Close", IncidentState.Resolved, IncidentState.Closed, IncidentManager, clock.GetCurrentInstant());
    }

    [Fact]
    public void Close_AMajorIncidentReviewedBeforeResolution_MovesToClosed()
    {
        var clock = NewClock();
        var incident = MajorIncident(clock);
        incident.RecordPostIncidentReview(IncidentManager, "Reviewed while the workaround held.");
        incident.Resolve(IncidentManager, IncidentResolutionCode.SolvedPermanently, Resolution);

        incident.Close(IncidentManager);

        Assert.Equal(IncidentState.Closed, incident.State);
    }

    [Fact]
    public void Close_AnIncidentDemotedFromMajor_NeedsNoReview()
    {
        var clock = NewClock();
        var incident = MajorIncident(clock);
        incident.DemoteFromMajor(IncidentManager, "Only one site.");
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution);

        incident.Close(Agent);

        Assert.Equal(IncidentState.Closed, incident.State);
    }
}
