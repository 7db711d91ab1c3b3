using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>The support group that owns the change was set, changed or cleared.</summary>
/// <remarks>Audit entry: command <c>Assign</c>; data keys <c>group</c>, <c>fromGroup</c> (a null value is left out).</remarks>
/// <param name="Group">The group after, or null for none.</param>
/// <param name="FromGroup">The group before, or null for none.</param>
public sealed record ChangeAssigned(SupportGroupId? Group, SupportGroupId? FromGroup) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Assign";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("group", Group?.Value), ("fromGroup", FromGroup?.Value));

    internal static ChangeAssigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeAssigned(r.OptionalId("group", v => new SupportGroupId(v)), r.OptionalId("fromGroup", v => new SupportGroupId(v)));
        return r.Ok && read.Group != read.FromGroup ? read : null;
    }
}
