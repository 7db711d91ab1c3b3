using Itsm.Common;
using Itsm.Workflows;

namespace Itsm.Changes;

// The change's custom states: a host's workflow (peer review before the CAB, ...) inside the library states of its type.
public sealed partial class Change
{
    /// <inheritdoc/>
    internal override string WorkflowLifecycle => WorkflowLifecycles.ChangeLifecycleName(Type);

    /// <summary>
    /// Takes the named transition <paramref name="transition"/> of the change's workflow out of its current custom
    /// state (<see cref="Aggregate{TId, TState, TCommand}.WorkflowState"/>), for example from "Peer Review" to
    /// "CAB Review"; the library state is unchanged. The transition's guard must hold.
    /// </summary>
    /// <param name="actor">Who moves the change.</param>
    /// <param name="transition">The transition's name.</param>
    /// <exception cref="System.ArgumentException"><paramref name="transition"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">The change runs no workflow, or no named transition leaves its custom state.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.UnknownTransitionCode"/>: no such transition from the custom state;
    /// <see cref="Workflow.GuardFailedCode"/>: the guard does not hold (the message names every requirement that failed).</exception>
    public void TransitionWorkflow(Actor actor, string transition) => TransitionWorkflowCore(actor, transition, ChangeCommand.TransitionWorkflow);

    /// <summary>
    /// Moves the change to <paramref name="workflow"/>: a later version of the workflow it runs, or, for a change without
    /// one, any workflow of its type's lifecycle. Permitted in every state; the library state is unchanged.
    /// </summary>
    /// <param name="actor">Who migrates it.</param>
    /// <param name="workflow">The workflow version to run from now on.</param>
    /// <exception cref="System.ArgumentException"><paramref name="workflow"/> refines another lifecycle (another change type).</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.MigrationCode"/>: not a later version of the change's workflow.</exception>
    public void MigrateWorkflow(Actor actor, Workflow<ChangeState, ChangeCommand> workflow) => MigrateWorkflowCore(actor, workflow);

    private protected override bool? HasWorkflowField(WorkflowField field) => _serviceModel.HasWorkflowField(field, AssignmentGroup, ImplementerId);
}
