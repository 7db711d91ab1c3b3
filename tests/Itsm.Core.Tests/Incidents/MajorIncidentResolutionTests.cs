using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>
/// <see cref="MajorIncidentResolution"/>: operations on several incidents, each incident getting its
/// own audit entry, everything checked before anything changes.
/// </summary>
public sealed class MajorIncidentResolutionTests
{
    private const string Notes = "Mail relay replaced.";

    /// <summary>A major parent in progress and one child in each state, attached while open.</summary>
    private sealed class Family
    {
        public Family()
        {
            Clock = NewClock();
            Parent = MajorIncident(Clock);
            Children = AllStates.ToDictionary(state => state, state =>
            {
                var child = Open(Clock);
                child.AttachToParent(Agent, Parent);
                switch (state)
                {
                    case IncidentState.InProgress:
                        child.Assign(Agent, new SupportGroupId(DeskGroup));
                        break;
                    case IncidentState.OnHold:
                        child.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Are you affected too?");
                        break;
                    case IncidentState.Resolved:
                        child.Resolve(Agent, IncidentResolutionCode.SolvedWorkaround, "Webmail.");
                        break;
                    case IncidentState.Closed:
                        child.Resolve(Agent, IncidentResolutionCode.SolvedWorkaround, "Webmail.");
                        child.Close(Agent);
                        break;
                    case IncidentState.Canceled:
                        child.Cancel(Agent, "Duplicate.");
                        break;
                }

                return child;
            });
            Clock.Advance(Duration.FromHours(1));
        }

        public FakeClock Clock { get; }

        public Incident Parent { get; }

        public Dictionary<IncidentState, Incident> Children { get; }

        public Incident[] All => [Parent, .. Children.Values];

        public RecordProbe[] Probes() => All.Select(i => i.Probe()).ToArray();
    }

    // ResolveWithChildren.

    [Fact]
    public void ResolveWithChildren_ResolvesTheParentAndEachOpenChildWithItsOwnAuditEntry()
    {
        var family = new Family();
        var at = family.Clock.GetCurrentInstant();
        var parentProbe = family.Parent.Probe();
        var openProbes = new[] { IncidentState.New, IncidentState.InProgress, IncidentState.OnHold }
            .ToDictionary(s => s, s => family.Children[s].Probe());

        var resolved = MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes);

        parentProbe.AssertAccepted("Resolve", IncidentState.InProgress, IncidentState.Resolved, IncidentManager, at,
            ("resolutionCode", "SolvedPermanently"), ("notes", Notes));
        Assert.Equal(IncidentResolutionCode.SolvedPermanently, family.Parent.ResolutionCode);
        var childNotes = $"Resolved with major incident {family.Parent.Id}: {Notes}";
        foreach (var (state, probe) in openProbes)
        {
            var child = family.Children[state];
            probe.AssertAccepted("Resolve", state, IncidentState.Resolved, IncidentManager, at,
                ("resolutionCode", "ResolvedByParent"), ("notes", childNotes));
            Assert.Equal(IncidentResolutionCode.ResolvedByParent, child.ResolutionCode);
            Assert.Equal(childNotes, child.ResolutionNotes);
            Assert.Equal(at, child.ResolvedAt);
            Assert.Null(child.OnHoldReason);
        }

        Assert.Equal(
            [family.Children[IncidentState.New], family.Children[IncidentState.InProgress], family.Children[IncidentState.OnHold]],
            resolved);
    }

    [Fact]
    public void ResolveWithChildren_LeavesResolvedClosedAndCanceledChildrenAlone()
    {
        var family = new Family();
        var untouched = new[] { IncidentState.Resolved, IncidentState.Closed, IncidentState.Canceled }
            .Select(s => family.Children[s].Probe()).ToArray();

        MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes);

        foreach (var probe in untouched)
        {
            probe.AssertUnchanged();
        }

        Assert.Equal(IncidentResolutionCode.SolvedWorkaround, family.Children[IncidentState.Resolved].ResolutionCode);
    }

    [Fact]
    public void ResolveWithChildren_WithoutChildren_ResolvesTheParentAlone()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);

        var resolved = MajorIncidentResolution.ResolveWithChildren(parent, [], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes);

        Assert.Empty(resolved);
        Assert.Equal(IncidentState.Resolved, parent.State);
    }

    [Fact]
    public void ResolveWithChildren_OfAParentOnHold_ResolvesIt()
    {
        var clock = NewClock();
        var parent = MajorIncident(clock);
        parent.PutOnHold(IncidentManager, OnHoldReason.AwaitingVendor);
        var child = Open(clock);
        child.AttachToParent(Agent, parent);

        MajorIncidentResolution.ResolveWithChildren(parent, [child], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes);

        Assert.Equal(IncidentState.Resolved, parent.State);
        Assert.Equal(IncidentState.Resolved, child.State);
    }

    [Fact]
    public void ResolveWithChildren_WhenTheParentIsNoLongerMajor_IsRefusedWithMajor005AndChangesNothing()
    {
        var family = new Family();
        family.Parent.DemoteFromMajor(IncidentManager, "Only one site.");
        var probes = family.Probes();

        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        Assert.Equal("ITSM-INC-MAJOR-005", ex.Code);
        Assert.Equal($"Incident {family.Parent.Id} is not a major incident; resolve it on its own.", ex.Message);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WhenTheParentIsAlreadyResolved_IsRefusedByItsStateAndChangesNothing()
    {
        var family = new Family();
        family.Parent.Resolve(IncidentManager, IncidentResolutionCode.SolvedWorkaround, "Webmail for all.");
        var probes = family.Probes();

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        TransitionAssert.Names(ex, "Incident", "Resolved", "Resolve", "Assign", "Reopen", "Close", "ChangeImpactOrUrgency", "RecordPostIncidentReview", "LinkCausedByChange", "LinkProblem", "SlaThreshold", "Unassign", "ChangeService", "AddConfigurationItem", "RemoveConfigurationItem", "LinkKnowledgeArticle", "RecordSatisfaction", "AddWorkNote", "AddComment", "LogTime");
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WhenTheParentIsCanceled_IsRefusedAsTerminalAndChangesNothing()
    {
        var family = new Family();
        family.Parent.Cancel(IncidentManager, "Logged in error.");
        var probes = family.Probes();

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        TransitionAssert.Names(ex, "Incident", "Canceled", "Resolve");
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_OfAResolvedIncidentThatIsNotMajor_IsRefusedByTheStateBeforeTheRule()
    {
        // The command contract checks the state before the rules (here: "the parent is major").
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock);
        var probe = incident.Probe();

        var ex = Record.Exception(() =>
            MajorIncidentResolution.ResolveWithChildren(incident, [], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        TransitionAssert.Names(Assert.IsType<InvalidTransitionException>(ex), "Incident", "Resolved", "Resolve",
            "Assign", "Reopen", "Close", "ChangeImpactOrUrgency", "RecordPostIncidentReview", "LinkCausedByChange", "LinkProblem", "SlaThreshold", "Unassign", "ChangeService", "AddConfigurationItem", "RemoveConfigurationItem", "LinkKnowledgeArticle", "RecordSatisfaction", "AddWorkNote", "AddComment", "LogTime");
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ResolveWithChildren_WithoutNotes_IsRefusedWithResolve001AndChangesNothing(string? notes)
    {
        var family = new Family();
        var probes = family.Probes();

        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, IncidentResolutionCode.SolvedPermanently, notes!));

        Assert.Equal("ITSM-INC-RESOLVE-001", ex.Code);
        Assert.Equal("Resolving an incident needs resolution notes.", ex.Message);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithAnIncidentThatIsNotAChild_ThrowsNamingChildrenAndChangesNothing()
    {
        var family = new Family();
        var stranger = InState(IncidentState.InProgress, family.Clock);
        var probes = family.Probes().Append(stranger.Probe()).ToArray();

        var ex = Assert.Throws<ArgumentException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, [.. family.Children.Values, stranger], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        Assert.Equal("children", ex.ParamName);
        Assert.Equal($"Every child must be a child of major incident {family.Parent.Id} in tenant acme. (Parameter 'children')", ex.Message);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithANullChild_ThrowsNamingChildrenAndChangesNothing()
    {
        var family = new Family();
        var probes = family.Probes();

        var ex = Assert.Throws<ArgumentException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, [family.Children[IncidentState.New], null!], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        Assert.Equal("children", ex.ParamName);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithTheParentAmongTheChildren_ThrowsNamingChildrenAndChangesNothing()
    {
        var family = new Family();
        var probes = family.Probes();

        var ex = Assert.Throws<ArgumentException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, [family.Parent], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        Assert.Equal("children", ex.ParamName);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithAnUndefinedCode_ThrowsNamingCodeAndChangesNothing()
    {
        var family = new Family();
        var probes = family.Probes();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, (IncidentResolutionCode)0, Notes));

        Assert.Equal("code", ex.ParamName);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithAnUndefinedCodeForAParentThatCannotResolve_ThrowsNamingCode()
    {
        // Arguments are checked before the state (the command contract; DESIGN.md: bad input is an ArgumentException).
        var family = new Family();
        family.Parent.Resolve(IncidentManager, IncidentResolutionCode.SolvedWorkaround, "Webmail for all.");
        var probes = family.Probes();

        var ex = Record.Exception(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, family.Children.Values, IncidentManager, (IncidentResolutionCode)0, Notes));

        Assert.Equal("code", Assert.IsType<ArgumentOutOfRangeException>(ex).ParamName);
        AssertUnchanged(probes);
    }

    [Fact]
    public void ResolveWithChildren_WithNullArguments_ThrowsNamingThem()
    {
        var family = new Family();

        Assert.Equal("parent", Assert.Throws<ArgumentNullException>(() =>
            MajorIncidentResolution.ResolveWithChildren(null!, [], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes)).ParamName);
        Assert.Equal("children", Assert.Throws<ArgumentNullException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, null!, IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes)).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentNullException>(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, [], null!, IncidentResolutionCode.SolvedPermanently, Notes)).ParamName);
        Assert.Equal(IncidentState.InProgress, family.Parent.State);
    }

    [Fact]
    public void ResolveWithChildren_WithAChildListedTwice_ResolvesItOnceOrChangesNothing()
    {
        // "All checked before any changes": a repeated child must not leave the parent and the
        // first copy resolved and then fail on the second copy.
        var family = new Family();
        var child = family.Children[IncidentState.InProgress];
        var childVersion = child.Version;
        var parentProbe = family.Parent.Probe();
        var childProbe = child.Probe();

        var thrown = Record.Exception(() =>
            MajorIncidentResolution.ResolveWithChildren(family.Parent, [child, child], IncidentManager, IncidentResolutionCode.SolvedPermanently, Notes));

        if (thrown is null)
        {
            Assert.Equal(IncidentState.Resolved, family.Parent.State);
            Assert.Equal(IncidentState.Resolved, child.State);
            Assert.Equal(childVersion + 1, child.Version);
        }
        else
        {
            parentProbe.AssertUnchanged();
            childProbe.AssertUnchanged();
        }
    }

    // ResolveAwaitingProblem.

    [Fact]
    public void ResolveAwaitingProblem_ResolvesOnlyTheIncidentsOnHoldAwaitingThatProblem()
    {
        var clock = NewClock();
        Incident Waiting(string problem, OnHoldReason reason)
        {
            var incident = InState(IncidentState.InProgress, clock);
            incident.LinkProblem(Agent, problem);
            incident.PutOnHold(Agent, reason, "Known error.");
            return incident;
        }

        var first = Waiting("PRB0001", OnHoldReason.AwaitingProblem);
        var second = Waiting("PRB0001", OnHoldReason.AwaitingProblem);
        var otherProblem = Waiting("PRB0002", OnHoldReason.AwaitingProblem);
        var otherReason = Waiting("PRB0001", OnHoldReason.AwaitingVendor);
        var working = InState(IncidentState.InProgress, clock);
        working.LinkProblem(Agent, "PRB0001");
        var unlinked = InState(IncidentState.InProgress, clock);
        unlinked.PutOnHold(Agent, OnHoldReason.AwaitingProblem);
        var resolvedAlready = InState(IncidentState.Resolved, clock);
        resolvedAlready.LinkProblem(Agent, "PRB0001");
        clock.Advance(Duration.FromDays(1));
        var at = clock.GetCurrentInstant();
        var waitingProbes = new[] { first.Probe(), second.Probe() };
        var otherProbes = new[] { otherProblem, otherReason, working, unlinked, resolvedAlready }.Select(i => i.Probe()).ToArray();

        var resolved = MajorIncidentResolution.ResolveAwaitingProblem(
            Tenant,
            [first, otherProblem, otherReason, working, second, unlinked, resolvedAlready], "PRB0001", Agent, "Patched the relay firmware.");

        Assert.Equal([first, second], resolved);
        foreach (var probe in waitingProbes)
        {
            probe.AssertAccepted("Resolve", IncidentState.OnHold, IncidentState.Resolved, Agent, at,
                ("resolutionCode", "ResolvedByProblem"), ("notes", "Patched the relay firmware."));
        }

        Assert.All(resolved, i => Assert.Equal(IncidentResolutionCode.ResolvedByProblem, i.ResolutionCode));
        Assert.All(resolved, i => Assert.Null(i.OnHoldReason));
        AssertUnchanged(otherProbes);
    }

    [Fact]
    public void ResolveAwaitingProblem_WithNoneWaiting_ResolvesNothing()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.OnHold, clock);
        var probe = incident.Probe();

        var resolved = MajorIncidentResolution.ResolveAwaitingProblem(Tenant, [incident], "PRB0001", Agent, "Fixed.");

        Assert.Empty(resolved);
        probe.AssertUnchanged();
    }

    [Fact]
    public void ResolveAwaitingProblem_WithBadArguments_ThrowsNamingThem()
    {
        Assert.Equal("incidents", Assert.Throws<ArgumentNullException>(() =>
            MajorIncidentResolution.ResolveAwaitingProblem(Tenant, null!, "PRB0001", Agent, "Fixed.")).ParamName);
        Assert.Equal("problemId", Assert.ThrowsAny<ArgumentException>(() =>
            MajorIncidentResolution.ResolveAwaitingProblem(Tenant, [], " ", Agent, "Fixed.")).ParamName);
        Assert.Equal("actor", Assert.Throws<ArgumentNullException>(() =>
            MajorIncidentResolution.ResolveAwaitingProblem(Tenant, [], "PRB0001", null!, "Fixed.")).ParamName);
        Assert.Equal("notes", Assert.ThrowsAny<ArgumentException>(() =>
            MajorIncidentResolution.ResolveAwaitingProblem(Tenant, [], "PRB0001", Agent, "")).ParamName);
    }

    [Fact]
    public void ResolveAwaitingProblem_WithAnIncidentListedTwice_ResolvesItOnceOrChangesNothing()
    {
        var clock = NewClock();
        var first = InState(IncidentState.InProgress, clock);
        first.LinkProblem(Agent, "PRB0001");
        first.PutOnHold(Agent, OnHoldReason.AwaitingProblem);
        var second = InState(IncidentState.InProgress, clock);
        second.LinkProblem(Agent, "PRB0001");
        second.PutOnHold(Agent, OnHoldReason.AwaitingProblem);
        var probes = new[] { first.Probe(), second.Probe() };
        var versions = new[] { first.Version, second.Version };

        var thrown = Record.Exception(() => MajorIncidentResolution.ResolveAwaitingProblem(Tenant, [first, second, first], "PRB0001", Agent, "Fixed."));

        if (thrown is null)
        {
            Assert.Equal([versions[0] + 1, versions[1] + 1], new[] { first.Version, second.Version });
            Assert.Equal(IncidentState.Resolved, second.State);
        }
        else
        {
            AssertUnchanged(probes);
        }
    }

    private static void AssertUnchanged(IEnumerable<RecordProbe> probes)
    {
        foreach (var probe in probes)
        {
            probe.AssertUnchanged();
        }
    }
}
