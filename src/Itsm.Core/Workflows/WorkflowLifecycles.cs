using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;

namespace Itsm.Workflows;

/// <summary>The library lifecycles a workflow can refine, each read once from the union of its policy variants.</summary>
internal static class WorkflowLifecycles
{
    private static readonly Lazy<WorkflowLifecycle<IncidentState, IncidentCommand>> IncidentLifecycleInfo = new(() =>
        WorkflowLifecycle<IncidentState, IncidentCommand>.Read(
            Itsm.Incidents.Incident.RecordType,
            Itsm.Incidents.Incident.RecordType,
            IncidentState.New,
            [IncidentState.Closed, IncidentState.Canceled],
            IncidentCommand.TransitionWorkflow,
            from workStart in Enum.GetValues<IncidentWorkStart>()
            from fromClosed in new[] { false, true }
            let options = new IncidentOptions { WorkStart = workStart, Reopen = IncidentReopenPolicy.Default with { FromClosed = fromClosed } }
            select (Action<Stateless.StateMachine<IncidentState, IncidentCommand>>)(m => IncidentLifecycle.Configure(m, options, () => null, () => false))));

    private static readonly Lazy<WorkflowLifecycle<ChangeState, ChangeCommand>>[] ChangeLifecycleInfo =
        Enum.GetValues<ChangeType>().Select(type => new Lazy<WorkflowLifecycle<ChangeState, ChangeCommand>>(() =>
            WorkflowLifecycle<ChangeState, ChangeCommand>.Read(
                ChangeLifecycleName(type),
                Itsm.Changes.Change.RecordType,
                ChangeState.New,
                [ChangeState.Closed, ChangeState.Canceled],
                ChangeCommand.TransitionWorkflow,
                Enum.GetValues<RejectionPolicy>().Select(rejection =>
                    (Action<Stateless.StateMachine<ChangeState, ChangeCommand>>)(m => Itsm.Changes.ChangeLifecycle.Configure(m, type, rejection)))))).ToArray();

    private static readonly Lazy<WorkflowLifecycle<ProblemState, ProblemCommand>> ProblemLifecycleInfo = new(() =>
        WorkflowLifecycle<ProblemState, ProblemCommand>.Read(
            Itsm.Problems.Problem.RecordType,
            Itsm.Problems.Problem.RecordType,
            ProblemState.New,
            [ProblemState.Closed, ProblemState.Canceled],
            ProblemCommand.TransitionWorkflow,
            [Itsm.Problems.ProblemLifecycle.Configure]));

    private static readonly Lazy<WorkflowLifecycle<ServiceRequestState, ServiceRequestCommand>> ServiceRequestLifecycleInfo = new(() =>
        WorkflowLifecycle<ServiceRequestState, ServiceRequestCommand>.Read(
            Itsm.Requests.ServiceRequest.RecordType,
            Itsm.Requests.ServiceRequest.RecordType,
            ServiceRequestState.Submitted,
            [ServiceRequestState.Closed, ServiceRequestState.Rejected, ServiceRequestState.Canceled],
            ServiceRequestCommand.TransitionWorkflow,
            [Itsm.Requests.ServiceRequestLifecycle.Configure]));

    internal static WorkflowLifecycle<IncidentState, IncidentCommand> Incident => IncidentLifecycleInfo.Value;

    internal static WorkflowLifecycle<ProblemState, ProblemCommand> Problem => ProblemLifecycleInfo.Value;

    internal static WorkflowLifecycle<ServiceRequestState, ServiceRequestCommand> ServiceRequest => ServiceRequestLifecycleInfo.Value;

    internal static WorkflowLifecycle<ChangeState, ChangeCommand> Change(ChangeType type) => ChangeLifecycleInfo[(int)type].Value;

    /// <summary>The lifecycle name of a change type's workflows: <c>Change.Normal</c>, ...</summary>
    internal static string ChangeLifecycleName(ChangeType type) => Itsm.Changes.Change.RecordType + "." + type;
}
