using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>The problem's assignment was set: a support group, a person, or both, and what it was before. The state does not change.</summary>
/// <remarks>Audit entry: command <c>Assign</c>; data keys <c>group</c>, <c>assignee</c>, <c>fromGroup</c>, <c>fromAssignee</c> (a null value is left out).</remarks>
/// <param name="Group">The support group, or null for none.</param>
/// <param name="Assignee">The person, or null for the group's queue.</param>
/// <param name="FromGroup">The group before, or null for none.</param>
/// <param name="FromAssignee">The person before, or null for none.</param>
public sealed record ProblemAssigned(SupportGroupId? Group, string? Assignee, SupportGroupId? FromGroup, string? FromAssignee) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Assign";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("group", Group?.Value), ("assignee", Assignee), ("fromGroup", FromGroup?.Value), ("fromAssignee", FromAssignee));

    internal static ProblemAssigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemAssigned(r.OptionalId("group", v => new SupportGroupId(v)), r.Optional("assignee"), r.OptionalId("fromGroup", v => new SupportGroupId(v)), r.Optional("fromAssignee"));
        return r.Ok && (read.Group is not null || read.Assignee is not null) ? read : null;
    }
}
