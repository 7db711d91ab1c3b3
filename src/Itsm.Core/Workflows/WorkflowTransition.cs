using System;

namespace Itsm.Workflows;

/// <summary>
/// A transition of a <see cref="Workflow{TState, TCommand}"/>: either a <em>named</em> transition between two
/// custom states of the same library state, taken with the record's <c>TransitionWorkflow</c> command and
/// checked by its <see cref="Guard"/>, or a <em>bound</em> transition that says where a library
/// <see cref="Command"/> leads from <see cref="From"/> (instead of the target state's entry state).
/// </summary>
/// <typeparam name="TCommand">The library's commands.</typeparam>
/// <param name="Name">The named transition's name (unique among the transitions out of <see cref="From"/>), or <see langword="null"/> for a bound one.</param>
/// <param name="Command">The library command a bound transition follows, or <see langword="null"/> for a named one.</param>
/// <param name="From">The state it leaves (a custom state, or a library state's name for a library state without custom states).</param>
/// <param name="To">The state it enters.</param>
/// <param name="Guard">What a named transition requires; <see cref="WorkflowGuard.None"/> for nothing. Bound transitions carry none: the library command's own rules apply.</param>
public sealed record WorkflowTransition<TCommand>(string? Name, TCommand? Command, string From, string To, WorkflowGuard Guard)
    where TCommand : struct, Enum
{
    /// <summary>Whether this is a named transition (taken with <c>TransitionWorkflow</c>).</summary>
    public bool IsNamed => Name is not null;
}
