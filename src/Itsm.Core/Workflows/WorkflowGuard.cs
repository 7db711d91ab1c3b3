using System;
using System.Collections.Generic;

namespace Itsm.Workflows;

/// <summary>
/// What a named transition of a workflow requires, checked in this order when the transition is asked for:
/// the actor holds one of <see cref="Roles"/> (when any are listed), every field of <see cref="RequiredFields"/>
/// is set on the record, and the host's <see cref="Predicate"/> holds. A transition whose guard fails changes
/// nothing and is refused with <see cref="Itsm.Common.DomainRuleViolationException"/> code
/// <see cref="Workflow.GuardFailedCode"/>, naming every requirement that failed.
/// </summary>
public sealed record WorkflowGuard
{
    /// <summary>No requirement.</summary>
    public static WorkflowGuard None { get; } = new();

    /// <summary>The roles of which the actor must hold one; empty for anyone.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The fields that must be set on the record; empty for none.</summary>
    public IReadOnlyList<WorkflowField> RequiredFields { get; init; } = [];

    /// <summary>
    /// The name of <see cref="Predicate"/>, as diagrams, errors and JSON definitions show it (JSON names a
    /// predicate the host supplies when it reads the definition); <see langword="null"/> when there is none.
    /// </summary>
    public string? PredicateName { get; init; }

    /// <summary>A host rule over the record and the actor (for example "the reviewer is not the change's requester"); <see langword="null"/> for none. It must not change anything.</summary>
    public Func<WorkflowGuardContext, bool>? Predicate { get; init; }

    /// <summary>Whether the guard requires nothing.</summary>
    public bool IsEmpty => Roles.Count == 0 && RequiredFields.Count == 0 && Predicate is null && PredicateName is null;

    /// <summary>A guard requiring one of <paramref name="roles"/>.</summary>
    /// <param name="roles">The roles, of which the actor must hold one.</param>
    /// <returns>The guard.</returns>
    public static WorkflowGuard AnyRole(params string[] roles) => new() { Roles = roles ?? throw new ArgumentNullException(nameof(roles)) };

    /// <summary>A guard requiring <paramref name="fields"/> to be set.</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>The guard.</returns>
    public static WorkflowGuard Requires(params WorkflowField[] fields) => new() { RequiredFields = fields ?? throw new ArgumentNullException(nameof(fields)) };

    /// <summary>A guard holding when the host's <paramref name="predicate"/> does.</summary>
    /// <param name="name">The predicate's name, as errors and diagrams show it.</param>
    /// <param name="predicate">The rule.</param>
    /// <returns>The guard.</returns>
    public static WorkflowGuard When(string name, Func<WorkflowGuardContext, bool> predicate) =>
        new() { PredicateName = name, Predicate = predicate ?? throw new ArgumentNullException(nameof(predicate)) };

    /// <summary>Describes the guard for diagrams and errors, for example <c>roles: cab-member; requires: AssignmentGroup; when: reviewer-is-not-requester</c>.</summary>
    /// <returns>The text; empty for <see cref="None"/>.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Roles.Count > 0)
        {
            parts.Add("roles: " + string.Join(", ", Roles));
        }

        if (RequiredFields.Count > 0)
        {
            parts.Add("requires: " + string.Join(", ", RequiredFields));
        }

        if (PredicateName is not null)
        {
            parts.Add("when: " + PredicateName);
        }

        return string.Join("; ", parts);
    }
}
