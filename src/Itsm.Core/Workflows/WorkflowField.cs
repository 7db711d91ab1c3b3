namespace Itsm.Workflows;

/// <summary>A field a <see cref="WorkflowGuard"/> can require to be set before a named transition is taken.</summary>
public enum WorkflowField
{
    /// <summary>The service (<c>Service</c>).</summary>
    Service = 0,

    /// <summary>The service offering (<c>Offering</c>).</summary>
    Offering = 1,

    /// <summary>At least one configuration item (<c>ConfigurationItems</c>).</summary>
    ConfigurationItem = 2,

    /// <summary>The supplier (<c>Supplier</c>).</summary>
    Supplier = 3,

    /// <summary>The support group (<c>AssignmentGroup</c>).</summary>
    AssignmentGroup = 4,

    /// <summary>The person assigned (an incident's <c>AssignedTo</c>, a change's or problem's assignee).</summary>
    Assignee = 5,
}
