using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>
/// The incident's assignment was set: a support group, a person, or both, and what it was before. Under
/// <see cref="IncidentOptions.WorkStart"/> an assignment may also start work on a new incident (the
/// audit entry's to-state says so).
/// </summary>
/// <remarks>Audit entry: command <c>Assign</c>; data keys <c>group</c>, <c>assignee</c>, <c>fromGroup</c>, <c>fromAssignee</c> (a null value is left out).</remarks>
/// <param name="Group">The support group, or null for none.</param>
/// <param name="Assignee">The assignee, or null for the group's queue.</param>
/// <param name="FromGroup">The group before, or null for none.</param>
/// <param name="FromAssignee">The assignee before, or null for none.</param>
public sealed record IncidentAssigned(SupportGroupId? Group, string? Assignee, SupportGroupId? FromGroup = null, string? FromAssignee = null) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Assign";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("group", Group?.Value), ("assignee", Assignee), ("fromGroup", FromGroup?.Value), ("fromAssignee", FromAssignee));

    internal static IncidentAssigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentAssigned(r.OptionalId("group", v => new SupportGroupId(v)), r.Optional("assignee"), r.OptionalId("fromGroup", v => new SupportGroupId(v)), r.Optional("fromAssignee"));
        return r.Ok && (read.Group is not null || read.Assignee is not null) ? read : null;
    }
}
