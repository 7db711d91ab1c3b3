using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Workflows;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>
/// The workflow a record runs, as the API shows it (docs/workflows.md): which workflow and version, the custom state the
/// record is in, and the named transitions that leave it (sent as <c>POST .../{id}/transition</c> with
/// <c>{"transition": name}</c>; a guard may still refuse one, with 403 or 422, as a domain rule may refuse a permitted command).
/// </summary>
/// <param name="Id">The workflow's id.</param>
/// <param name="Version">The version the record runs.</param>
/// <param name="State">The record's custom state (inside its library <c>state</c>).</param>
/// <param name="Transitions">The named transitions from <paramref name="State"/>, in the workflow's order.</param>
public sealed record WorkflowView(string Id, int Version, string State, IReadOnlyList<string> Transitions)
{
    /// <summary>The view of a record's workflow, or <see langword="null"/> when the record runs its library lifecycle alone.</summary>
    /// <typeparam name="TState">The library state type.</typeparam>
    /// <typeparam name="TCommand">The library command type.</typeparam>
    /// <param name="workflow">The workflow the record runs.</param>
    /// <param name="state">The record's custom state.</param>
    /// <returns>The view, or <see langword="null"/>.</returns>
    public static WorkflowView? Of<TState, TCommand>(Workflow<TState, TCommand>? workflow, string? state)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        workflow is null || state is null
            ? null
            : new(workflow.Id, workflow.Version, state, workflow.NamedTransitionsFrom(state).Select(t => t.Name!).ToArray());
}
