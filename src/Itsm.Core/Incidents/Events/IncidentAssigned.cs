using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The incident was assigned to a support group and, optionally, a person (a new incident moves to InProgress).</summary>
/// <remarks>Audit entry: command <c>Assign</c>; data keys <c>group</c>, <c>assignee</c> (a null value is left out).</remarks>
/// <param name="Group">The support group.</param>
/// <param name="Assignee">The assignee, or null for the group's queue.</param>

public sealed record IncidentAssigned(string Group, string? Assignee) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Assign";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("group", Group), ("assignee", Assignee));

    internal static IncidentAssigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentAssigned(r.Required("group"), r.Optional("assignee"));
        return r.Ok ? read : null;
    }
}
