using System;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// Contoso's own statuses, defined in code as workflows inside the library's states, so SLAs, KPIs and the audit
/// log see them. The incident workflow is the one most desks add first (ServiceNow's "triage" and
/// "awaiting change" states, Jira Service Management's "Waiting for support" / "Pending" statuses in the
/// To Do and In Progress categories); the normal change adds the technical peer review that a CAB expects
/// before it looks at a change.
/// </summary>
public static class ServiceDeskWorkflows
{
    /// <summary>The incident workflow's id.</summary>
    public const string IncidentWorkflowId = "contoso-incident";

    /// <summary>The normal change workflow's id.</summary>
    public const string NormalChangeWorkflowId = "contoso-normal-change";

    /// <summary>New (entry): the desk has not yet checked the service and priority; the incident cannot be routed to a group.</summary>
    public const string Triage = "Triage";

    /// <summary>New: triaged (service known), waiting for a group to take it.</summary>
    public const string Ready = "Ready";

    /// <summary>InProgress (entry): the group works on it.</summary>
    public const string Investigating = "Investigating";

    /// <summary>InProgress: the fix needs a change on a configuration item; the resolution clock pauses and the incident cannot be resolved.</summary>
    public const string AwaitingChange = "Awaiting Change";

    /// <summary>Assess (entry) of a normal change: a second engineer checks the plan before it goes to its change authority.</summary>
    public const string PeerReview = "Peer Review";

    /// <summary>Assess of a normal change: peer-reviewed, ready to request authorization (the CAB, the change manager or a peer).</summary>
    public const string ReadyForCab = "Ready for CAB";

    /// <summary>The named transition Triage → Ready.</summary>
    public const string TriageTransition = "triage";

    /// <summary>The named transition Investigating → Awaiting Change.</summary>
    public const string AwaitChangeTransition = "await-change";

    /// <summary>The named transition Awaiting Change → Investigating.</summary>
    public const string ChangeReleasedTransition = "change-released";

    /// <summary>The named transition Peer Review → Ready for CAB.</summary>
    public const string PeerReviewTransition = "peer-review";

    /// <summary>The role a peer review needs.</summary>
    public const string PeerReviewerRole = "peer-reviewer";

    /// <summary>The name of the peer review's host predicate.</summary>
    public const string ReviewerIsNotRequester = "reviewer-is-not-requester";

    /// <summary>
    /// The incident workflow: Triage and Ready inside New, Investigating and Awaiting Change inside InProgress.
    /// Only a triaged incident is assigned to a group (<see cref="IncidentCommand.Assign"/> is blocked in Triage; an
    /// incident manager can still start work on a major incident at once). A resolver puts an incident in
    /// Awaiting Change once it has an assignment group and names the configuration item the change will touch;
    /// it cannot be resolved there, and comes back to Investigating when the change is released.
    /// </summary>
    public static Workflow<IncidentState, IncidentCommand> Incident { get; } = WorkflowBuilder.ForIncidents(IncidentWorkflowId)
        .State(Triage, IncidentState.New, isEntry: true)
        .State(Ready, IncidentState.New)
        .State(Investigating, IncidentState.InProgress, isEntry: true)
        .State(AwaitingChange, IncidentState.InProgress)
        .Block(Triage, IncidentCommand.Assign)
        .Block(AwaitingChange, IncidentCommand.Resolve)
        .Transition(TriageTransition, Triage, Ready, WorkflowGuard.AnyRole("service_desk", "incident_manager") with { RequiredFields = [WorkflowField.Service] })
        .Transition(AwaitChangeTransition, Investigating, AwaitingChange,
            WorkflowGuard.AnyRole("resolver") with { RequiredFields = [WorkflowField.AssignmentGroup, WorkflowField.ConfigurationItem] })
        .Transition(ChangeReleasedTransition, AwaitingChange, Investigating, WorkflowGuard.AnyRole("resolver", "change_manager"))
        .Build();

    /// <summary>
    /// The normal change workflow: Peer Review and Ready for CAB inside Assess. A submitted change enters Peer
    /// Review and cannot request authorization there (<see cref="ChangeCommand.RequestAuthorization"/> is blocked,
    /// so it cannot reach Authorize) until a peer reviewer who is not its requester reviews it.
    /// </summary>
    public static Workflow<ChangeState, ChangeCommand> NormalChange { get; } = WorkflowBuilder.ForChanges(ChangeType.Normal, NormalChangeWorkflowId)
        .State(PeerReview, ChangeState.Assess, isEntry: true)
        .State(ReadyForCab, ChangeState.Assess)
        .Block(PeerReview, ChangeCommand.RequestAuthorization)
        .Transition(PeerReviewTransition, PeerReview, ReadyForCab,
            WorkflowGuard.AnyRole(PeerReviewerRole) with { PredicateName = ReviewerIsNotRequester, Predicate = static c => c.Record is Change change && !string.Equals(change.RequesterId, c.Actor.Id, StringComparison.Ordinal) })
        .Build();

    /// <summary>The catalog the engine runs (<c>ItsmEngineOptions.Workflows</c>): both workflows for every tenant.</summary>
    public static WorkflowCatalog Catalog { get; } = WorkflowCatalog.Empty.With(Incident).With(NormalChange);
}
