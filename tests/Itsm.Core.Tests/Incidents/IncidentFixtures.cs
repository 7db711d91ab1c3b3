using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>Tenants, actors, a fake clock and incidents in each state, for the incident facts.</summary>
internal static class IncidentFixtures
{
    public const string DeskGroup = "Service Desk";
    public const string NetworkGroup = "Network";
    public const string Resolution = "Restarted the mail relay.";

    public static TenantId Tenant { get; } = new("acme");

    public static TenantId OtherTenant { get; } = new("globex");

    public static Actor Agent { get; } = new("agent.smith", "itil");

    public static Actor Caller { get; } = new("caller.jones");

    public static Actor IncidentManager { get; } = new("mim.lee", "itil", "major_incident_manager");

    /// <summary>Monday 2026-11-30 09:00 UTC (GMT, so also 09:00 in London).</summary>
    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static IReadOnlyList<IncidentState> AllStates { get; } = Enum.GetValues<IncidentState>();

    public static IReadOnlyList<IncidentCommand> AllCommands { get; } = Enum.GetValues<IncidentCommand>();

    /// <summary>The commands each state permits, as docs/lifecycles/README.md lists them (declaration order).</summary>
    public static IReadOnlyDictionary<IncidentState, IncidentCommand[]> Permitted { get; } = new Dictionary<IncidentState, IncidentCommand[]>
    {
        [IncidentState.New] = AllCommands.Except([IncidentCommand.TransitionWorkflow, IncidentCommand.Resume, IncidentCommand.Reopen, IncidentCommand.Close, IncidentCommand.ChangeHoldReason, IncidentCommand.RecordSatisfaction]).ToArray(),
        [IncidentState.InProgress] = AllCommands.Except([IncidentCommand.TransitionWorkflow, IncidentCommand.Resume, IncidentCommand.Reopen, IncidentCommand.Close, IncidentCommand.StartWork, IncidentCommand.ChangeHoldReason, IncidentCommand.RecordSatisfaction]).ToArray(),
        [IncidentState.OnHold] = AllCommands.Except([IncidentCommand.TransitionWorkflow, IncidentCommand.PutOnHold, IncidentCommand.Reopen, IncidentCommand.Close, IncidentCommand.StartWork, IncidentCommand.RecordSatisfaction]).ToArray(),
        [IncidentState.Resolved] =
        [
            IncidentCommand.Assign,
            IncidentCommand.Reopen,
            IncidentCommand.Close,
            IncidentCommand.ChangeImpactOrUrgency,
            IncidentCommand.RecordPostIncidentReview,
            IncidentCommand.LinkCausedByChange,
            IncidentCommand.LinkProblem,
            IncidentCommand.SlaThreshold,
            IncidentCommand.Unassign,
            IncidentCommand.ChangeService,
            IncidentCommand.AddConfigurationItem,
            IncidentCommand.RemoveConfigurationItem,
            IncidentCommand.LinkKnowledgeArticle,
            IncidentCommand.RecordSatisfaction,
            IncidentCommand.AddWorkNote,
            IncidentCommand.AddComment,
            IncidentCommand.LogTime,
        ],
        [IncidentState.Closed] = [IncidentCommand.RecordSatisfaction],
        [IncidentState.Canceled] = [],
    };

    public static FakeClock NewClock() => new(Monday0900);

    /// <summary>The SLA worker's system actor.</summary>
    public static Actor SlaWorker { get; } = new("itsm-sla-worker", "system");

    /// <summary>A threshold after <paramref name="last"/> (a 50 % warning due at <paramref name="now"/>, or a step later).</summary>
    public static Itsm.Sla.SlaThresholdReached NextThreshold(Itsm.Sla.SlaThresholdReached? last, Instant now) =>
        new("sla-gold", Itsm.Sla.SlaMetric.Resolution, 50.0, Itsm.Sla.SlaThresholdKind.Warning, last is null || last.DueAt < now ? now : last.DueAt + Duration.FromSeconds(1));

    public static Incident Open(FakeClock clock, Impact impact = Impact.Medium, Urgency urgency = Urgency.Medium, IncidentOptions? options = null, TenantId? tenant = null, string? service = "email") =>
        Incident.Open(tenant ?? Tenant, IncidentId.New(), Agent, Caller.Id, "Cannot send e-mail", impact, urgency, clock, options, service is null ? null : new ServiceId(service));

    /// <summary>An incident brought to <paramref name="state"/> by the usual commands, five minutes apart (on hold: awaiting a vendor).</summary>
    public static Incident InState(IncidentState state, FakeClock clock, IncidentOptions? options = null, TenantId? tenant = null)
    {
        var incident = Open(clock, options: options, tenant: tenant);
        void Step(Action<Incident> command)
        {
            clock.Advance(Duration.FromMinutes(5));
            command(incident);
        }

        switch (state)
        {
            case IncidentState.New:
                break;
            case IncidentState.InProgress:
                Step(i => i.Assign(Agent, new SupportGroupId(DeskGroup), Agent.Id));
                break;
            case IncidentState.OnHold:
                Step(i => i.Assign(Agent, new SupportGroupId(DeskGroup), Agent.Id));
                Step(i => i.PutOnHold(Agent, OnHoldReason.AwaitingVendor));
                break;
            case IncidentState.Resolved:
                Step(i => i.Assign(Agent, new SupportGroupId(DeskGroup), Agent.Id));
                Step(i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution));
                break;
            case IncidentState.Closed:
                Step(i => i.Assign(Agent, new SupportGroupId(DeskGroup), Agent.Id));
                Step(i => i.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution));
                Step(i => i.Close(Agent));
                break;
            case IncidentState.Canceled:
                Step(i => i.Cancel(Agent, "Logged twice."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state));
        }

        Assert.Equal(state, incident.State);
        clock.Advance(Duration.FromMinutes(5));
        return incident;
    }

    /// <summary>A major incident (promoted while in progress) of <paramref name="tenant"/>.</summary>
    public static Incident MajorIncident(FakeClock clock, TenantId? tenant = null)
    {
        var incident = InState(IncidentState.InProgress, clock, tenant: tenant);
        incident.PromoteToMajor(IncidentManager, "The mail service is down for everyone.");
        return incident;
    }

    /// <summary>Issues <paramref name="command"/> with valid arguments (a major parent is created for <see cref="IncidentCommand.AttachToParent"/>).</summary>
    public static void Issue(Incident incident, IncidentCommand command, FakeClock clock)
    {
        switch (command)
        {
            case IncidentCommand.Assign: incident.Assign(Agent, new SupportGroupId(NetworkGroup), "net.ops"); break;
            case IncidentCommand.PutOnHold: incident.PutOnHold(Agent, OnHoldReason.AwaitingChange); break;
            case IncidentCommand.Resume: incident.Resume(Agent); break;
            case IncidentCommand.RecordCallerResponse: incident.RecordCallerResponse(Caller, "It works again."); break;
            case IncidentCommand.Resolve: incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution); break;
            case IncidentCommand.Reopen: incident.Reopen(Caller, "It broke again."); break;
            case IncidentCommand.Close: incident.Close(Agent); break;
            case IncidentCommand.Cancel: incident.Cancel(Agent, "Duplicate."); break;
            case IncidentCommand.ChangeImpactOrUrgency: incident.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High); break;
            case IncidentCommand.EscalateFunctionally: incident.EscalateFunctionally(Agent, new SupportGroupId("Messaging"), "Needs the messaging team."); break;
            case IncidentCommand.EscalateHierarchically: incident.EscalateHierarchically(Agent, "manager.brown", "The resolution target is close."); break;
            case IncidentCommand.PromoteToMajor: incident.PromoteToMajor(IncidentManager, "Everyone is affected."); break;
            case IncidentCommand.DemoteFromMajor: incident.DemoteFromMajor(IncidentManager, "Only one site is affected."); break;
            case IncidentCommand.AttachToParent: incident.AttachToParent(Agent, MajorIncident(clock, incident.Tenant)); break;
            case IncidentCommand.RecordPostIncidentReview: incident.RecordPostIncidentReview(IncidentManager, "Relay capacity doubled."); break;
            case IncidentCommand.LinkCausedByChange: incident.LinkCausedByChange(Agent, "CHG0001"); break;
            case IncidentCommand.LinkProblem: incident.LinkProblem(Agent, "PRB0001"); break;
            case IncidentCommand.SlaThreshold: incident.RecordSlaThreshold(SlaWorker, NextThreshold(incident.LastSlaThreshold, clock.GetCurrentInstant())); break;
            case IncidentCommand.Unassign: incident.Unassign(Agent); break;
            case IncidentCommand.StartWork: incident.StartWork(Agent); break;
            case IncidentCommand.ChangeHoldReason: incident.ChangeHoldReason(Agent, OnHoldReason.AwaitingProblem); break;
            case IncidentCommand.ChangeService: incident.ChangeService(Agent, new ServiceId("web"), new ServiceOfferingId("web-gold")); break;
            case IncidentCommand.AddConfigurationItem: incident.AddConfigurationItem(Agent, new ConfigurationItemId(incident.ConfigurationItems.Count == 0 ? "mx01" : "mx02")); break;
            case IncidentCommand.RemoveConfigurationItem: incident.RemoveConfigurationItem(Agent, incident.ConfigurationItems.Count > 0 ? incident.ConfigurationItems[0] : new ConfigurationItemId("mx01")); break;
            case IncidentCommand.AssignToSupplier: incident.AssignToSupplier(Agent, incident.Supplier is null ? new SupplierId("acme-net") : null); break;
            case IncidentCommand.AddWorkNote: incident.AddWorkNote(Agent, "Relay queue is growing."); break;
            case IncidentCommand.AddComment: incident.AddComment(Caller, "Still no mail this morning."); break;
            case IncidentCommand.LogTime: incident.LogTime(Agent, NodaTime.Duration.FromMinutes(20), "Queue analysis."); break;
            case IncidentCommand.TransitionWorkflow: incident.TransitionWorkflow(Agent, "wait-for-change"); break;
            case IncidentCommand.RecordSatisfaction: incident.RecordSatisfaction(Caller, 4, "Quick fix, thank you.", Caller.Id); break;
            case IncidentCommand.LinkKnowledgeArticle: incident.LinkKnowledgeArticle(Agent, Itsm.Knowledge.KnowledgeArticleId.New()); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>Captures the incident for <see cref="RecordProbe.AssertAccepted"/> and <see cref="RecordProbe.AssertUnchanged"/>.</summary>
    public static RecordProbe Probe(this Incident incident) => RecordProbe.Of(
        Incident.RecordType,
        incident.Id.ToString(),
        incident.Tenant,
        () => incident.State.ToString(),
        () => incident.Version,
        () => incident.UncommittedAuditEntries,
        () => IncidentData.Of(incident));

    /// <summary>Everything an incident holds besides its state, version and audit entries.</summary>
    private sealed record IncidentData(
        OnHoldReason? OnHoldReason,
        string? Service,
        Impact Impact,
        Urgency Urgency,
        Priority Priority,
        string? AssignmentGroup,
        string? AssignedTo,
        int EscalationLevel,
        bool IsMajor,
        IncidentId? ParentId,
        bool HasPostIncidentReview,
        string? CausedByChange,
        string? RelatedProblem,
        IncidentResolutionCode? ResolutionCode,
        string? ResolutionNotes,
        Instant OpenedAt,
        Instant? ResolvedAt)
    {
        public static IncidentData Of(Incident i) => new(
            i.OnHoldReason, i.Service?.Value, i.Impact, i.Urgency, i.Priority, i.AssignmentGroup?.Value, i.AssignedTo, i.EscalationLevel, i.IsMajor,
            i.ParentId, i.HasPostIncidentReview, i.CausedByChange, i.RelatedProblem, i.ResolutionCode, i.ResolutionNotes, i.OpenedAt, i.ResolvedAt);
    }
}
