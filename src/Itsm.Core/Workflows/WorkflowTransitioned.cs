using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>
/// A record moved between two custom states of its workflow by a named transition; its library state is unchanged.
/// Shared by every record type that runs workflows (the audit entry's record type says which).
/// </summary>
/// <remarks>Audit entry: command <c>TransitionWorkflow</c>; data keys <c>transition</c>, <c>fromWorkflowState</c>, and
/// <c>workflowState</c> (<see cref="AuditEntry.WorkflowState"/>).</remarks>
/// <param name="Transition">The transition's name.</param>
/// <param name="FromState">The custom state left.</param>
/// <param name="ToState">The custom state entered.</param>
public sealed record WorkflowTransitioned(string Transition, string FromState, string ToState) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "TransitionWorkflow";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("transition", Transition), ("fromWorkflowState", FromState), (AuditEntry.WorkflowStateKey, ToState));

    internal static WorkflowTransitioned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new WorkflowTransitioned(r.Required("transition"), r.Required("fromWorkflowState"), r.Required(AuditEntry.WorkflowStateKey));
        return r.Ok ? read : null;
    }
}
