using System.Collections.Generic;

namespace Itsm.Workflows;

/// <summary>
/// A host's workflow for one library lifecycle, of any record type: custom states inside the library's
/// states, the transitions between them, and the version it is. The typed form is
/// <see cref="Workflow{TState, TCommand}"/>, built with <see cref="WorkflowBuilder"/> or read with
/// <c>WorkflowJson</c>; this base is what a <see cref="WorkflowCatalog"/> holds. docs/workflows.md
/// explains the model with a worked example.
/// </summary>
/// <remarks>Only this library derives from this class.</remarks>
public abstract class Workflow
{
    /// <summary>The error code of a named transition whose guard does not hold (<see cref="Itsm.Common.DomainRuleViolationException"/>).</summary>
    public const string GuardFailedCode = "ITSM-WF-GUARD-001";

    /// <summary>The error code of a named transition the record's custom state does not have (<see cref="Itsm.Common.DomainRuleViolationException"/>).</summary>
    public const string UnknownTransitionCode = "ITSM-WF-TRANSITION-001";

    /// <summary>The error code of a migration to a workflow that is not a later version of the record's, or of another lifecycle (<see cref="Itsm.Common.DomainRuleViolationException"/>).</summary>
    public const string MigrationCode = "ITSM-WF-MIGRATION-001";

    private protected Workflow()
    {
    }

    /// <summary>The workflow's id, the same for all its versions, for example <c>acme-incident</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The version, from 1; a record remembers the version it runs under.</summary>
    public abstract int Version { get; }

    /// <summary>
    /// The library lifecycle the workflow refines: <c>Incident</c>, <c>Problem</c>, <c>ServiceRequest</c>, <c>Change.Normal</c>,
    /// <c>Change.Standard</c> or <c>Change.Emergency</c>.
    /// </summary>
    public abstract string Lifecycle { get; }

    /// <summary>The record type whose records run it, for example <c>Incident</c>.</summary>
    public abstract string RecordType { get; }

    /// <summary>Every state name a record under this workflow can be in: each custom state, and each library state without custom states (by its own name), in library order.</summary>
    public abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>The version this one replaces (with its <see cref="Workflow{TState, TCommand}.Migration"/> mapping), or <see langword="null"/> for the first.</summary>
    public abstract Workflow? PreviousVersion { get; }

    /// <summary>The library state <paramref name="state"/> belongs to, by name, or <see langword="null"/> when the workflow has no such state.</summary>
    /// <param name="state">A state name of this workflow.</param>
    /// <returns>The library state's name.</returns>
    public abstract string? ParentNameOf(string state);

    /// <summary>
    /// The workflow as a Mermaid state diagram (docs/lifecycles/incident-workflow-example.md shows one): each library
    /// state with custom states a composite holding them, its <c>[*]</c> marking the entry state; library commands as
    /// edges between library states, naming the custom states that block them or land outside the entry; named
    /// transitions (with their guard) and bound commands as edges inside their composite.
    /// </summary>
    /// <returns>The Mermaid text.</returns>
    public abstract string ToMermaid();

    /// <summary>The workflow's id and version.</summary>
    /// <returns>For example <c>acme-incident v2 (Incident)</c>.</returns>
    public override string ToString() => $"{Id} v{Version} ({Lifecycle})";
}
