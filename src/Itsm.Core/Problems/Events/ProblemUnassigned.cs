using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>The problem's assignment was cleared: no group, no person. The state does not change.</summary>
/// <remarks>Audit entry: command <c>Unassign</c>; data keys <c>fromGroup</c>, <c>fromAssignee</c> (a null value is left out).</remarks>
/// <param name="FromGroup">The group before, or null for none.</param>
/// <param name="FromAssignee">The person before, or null for none.</param>
public sealed record ProblemUnassigned(SupportGroupId? FromGroup, string? FromAssignee) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Unassign";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("fromGroup", FromGroup?.Value), ("fromAssignee", FromAssignee));

    internal static ProblemUnassigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemUnassigned(r.OptionalId("fromGroup", v => new SupportGroupId(v)), r.Optional("fromAssignee"));
        return r.Ok && (read.FromGroup is not null || read.FromAssignee is not null) ? read : null;
    }
}
