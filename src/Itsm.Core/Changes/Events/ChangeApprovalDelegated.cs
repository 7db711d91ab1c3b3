using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>An approver of the change's current approval level handed their decision to a delegate (the entry's actor is the approver).</summary>
/// <remarks>Audit entry: command <c>DelegateApproval</c>; data keys <c>delegate</c>, <c>level</c>, <c>replaced</c> (a null value is left out).</remarks>
/// <param name="Delegate">Who decides for the approver from now on.</param>
/// <param name="Level">The name of the level waiting when they delegated.</param>
/// <param name="Replaced">The delegate this one replaced, if the approver had delegated before.</param>
public sealed record ChangeApprovalDelegated(string Delegate, string Level, string? Replaced) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "DelegateApproval";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("delegate", Delegate), ("level", Level), ("replaced", Replaced));

    internal static ChangeApprovalDelegated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeApprovalDelegated(r.Required("delegate"), r.Required("level"), r.Optional("replaced"));
        return r.Ok ? read : null;
    }
}
