namespace Itsm.Workflows;

/// <summary>What is wrong with a workflow definition; see <see cref="WorkflowProblem"/>.</summary>
public enum WorkflowProblemCode
{
    /// <summary>An id, a state or a transition name is blank, too long or holds control characters.</summary>
    InvalidName = 0,

    /// <summary>The version is below 1.</summary>
    InvalidVersion = 1,

    /// <summary>A state's parent is not a library state.</summary>
    MissingParent = 2,

    /// <summary>A state's parent is a final library state (Closed, Canceled), which holds no custom states.</summary>
    FinalParent = 3,

    /// <summary>Two states share a name, or a state is named like a library state (ignoring case).</summary>
    DuplicateState = 4,

    /// <summary>More than one custom state of the same library state is marked as its entry.</summary>
    MultipleEntries = 5,

    /// <summary>A transition, block or migration names a state the workflow does not have.</summary>
    UnknownState = 6,

    /// <summary>Two transitions out of a state share a name, or a library command is bound twice (or bound and blocked) from one state.</summary>
    ConflictingTransition = 7,

    /// <summary>A transition would break a library rule: a named transition leaving its library state, or a bound one the library command cannot make.</summary>
    BreaksLibraryRule = 8,

    /// <summary>A state blocks a command its library state never permits.</summary>
    BlocksUnpermittedCommand = 9,

    /// <summary>A state no record can reach from the workflow's initial state.</summary>
    Unreachable = 10,

    /// <summary>A state that is not final and from which no final state can be reached.</summary>
    DeadEnd = 11,

    /// <summary>A state the previous version has and this one removes, with no mapping for the records in it.</summary>
    UnmappedRemovedState = 12,

    /// <summary>The previous version or the migration mapping does not fit: another workflow, a version not older, a mapping into another library state.</summary>
    InvalidMigration = 13,

    /// <summary>A guard names a predicate without supplying it (JSON definitions: the host did not pass it), or supplies one without a name.</summary>
    UnknownPredicate = 14,

    /// <summary>A named transition leads from a state to itself.</summary>
    SelfTransition = 15,

    /// <summary>A JSON definition (<see cref="WorkflowJson"/>) is not valid JSON or not of the format: an unknown, missing or repeated property, a value of the wrong type, an unknown lifecycle.</summary>
    InvalidJson = 16,
}
