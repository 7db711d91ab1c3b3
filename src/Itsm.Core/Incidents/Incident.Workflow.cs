using System;
using Itsm.Common;
using Itsm.Workflows;

namespace Itsm.Incidents;

// The incident's custom states: a host's workflow (triage, awaiting change, ...) inside the library states.
public sealed partial class Incident
{
    /// <summary>
    /// Takes the named transition <paramref name="transition"/> of the incident's workflow out of its current custom
    /// state (<see cref="Aggregate{TId, TState, TCommand}.WorkflowState"/>), for example from "Investigating" to
    /// "Awaiting Change"; the library state is unchanged. The transition's guard must hold: the actor's roles, the
    /// required fields, the host's predicate.
    /// </summary>
    /// <param name="actor">Who moves the incident.</param>
    /// <param name="transition">The transition's name.</param>
    /// <exception cref="ArgumentException"><paramref name="transition"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">The incident runs no workflow, or no named transition leaves its custom state.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.UnknownTransitionCode"/>: no such transition from the custom state;
    /// <see cref="Workflow.GuardFailedCode"/>: the guard does not hold (the message names every requirement that failed).</exception>
    public void TransitionWorkflow(Actor actor, string transition) => TransitionWorkflowCore(actor, transition, IncidentCommand.TransitionWorkflow);

    /// <summary>
    /// Moves the incident to <paramref name="workflow"/>: a later version of the workflow it runs (its custom state
    /// mapped by the versions' migrations, kept by name, or else the entry state of its library state), or, for an
    /// incident without a workflow, any incident workflow (it enters the entry state of its library state).
    /// Permitted in every state, Closed and Canceled included; the library state is unchanged.
    /// </summary>
    /// <param name="actor">Who migrates it (usually the host's system actor).</param>
    /// <param name="workflow">The workflow version to run from now on.</param>
    /// <exception cref="ArgumentException"><paramref name="workflow"/> is not an incident workflow.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="Workflow.MigrationCode"/>: not a later version of the incident's workflow.</exception>
    public void MigrateWorkflow(Actor actor, Workflow<IncidentState, IncidentCommand> workflow) => MigrateWorkflowCore(actor, workflow);

    private protected override bool? HasWorkflowField(WorkflowField field) => _serviceModel.HasWorkflowField(field, AssignmentGroup, AssignedTo);
}
