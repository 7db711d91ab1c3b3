using Itsm.Common;
using Itsm.Workflows;

namespace Itsm.Requests;

// The service request's custom states: a host's workflow inside the library states.
public sealed partial class ServiceRequest
{
    /// <summary>
    /// Takes the named transition <paramref name="transition"/> of the service request's workflow out of its current custom
    /// state (<see cref="Aggregate{TId, TState, TCommand}.WorkflowState"/>); the library state is unchanged. The transition's guard must hold.
    /// </summary>
    /// <param name="actor">Who moves the service request.</param>
    /// <param name="transition">The transition's name.</param>
    /// <exception cref="System.ArgumentException"><paramref name="transition"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">The service request runs no workflow, or no named transition leaves its custom state.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.UnknownTransitionCode"/>: no such transition from the custom state;
    /// <see cref="Workflow.GuardFailedCode"/>: the guard does not hold (the message names every requirement that failed).</exception>
    public void TransitionWorkflow(Actor actor, string transition) => TransitionWorkflowCore(actor, transition, ServiceRequestCommand.TransitionWorkflow);

    /// <summary>
    /// Moves the service request to <paramref name="workflow"/>: a later version of the workflow it runs, or, for a service request without
    /// one, any service request workflow. Permitted in every state; the library state is unchanged.
    /// </summary>
    /// <param name="actor">Who migrates it.</param>
    /// <param name="workflow">The workflow version to run from now on.</param>
    /// <exception cref="System.ArgumentException"><paramref name="workflow"/> is not a service request workflow.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.MigrationCode"/>: not a later version of the service request's workflow.</exception>
    public void MigrateWorkflow(Actor actor, Workflow<ServiceRequestState, ServiceRequestCommand> workflow) => MigrateWorkflowCore(actor, workflow);

    private protected override bool? HasWorkflowField(WorkflowField field) => _serviceModel.HasWorkflowField(field, AssignmentGroup, AssignedTo);
}
