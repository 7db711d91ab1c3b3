using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>The planned window was replaced and every approval voided (a scheduled change goes back to authorisation, to be scheduled again).</summary>
/// <remarks>Audit entry: command <c>EditWindow</c>; data keys <c>window</c>, <c>voidedApprovals</c> (a null value is left out).</remarks>
/// <param name="Window">The new window, <c>[Start, End)</c>.</param>
/// <param name="VoidedApprovals">The number of approvals voided.</param>

public sealed record ChangeWindowEdited(Interval Window, int VoidedApprovals) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "EditWindow";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("window", Window.ToString()), ("voidedApprovals", AuditData.Number(VoidedApprovals)));

    internal static ChangeWindowEdited? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var window = ChangeWindowText.Read(r.Required("window"));
        var read = new ChangeWindowEdited(window.GetValueOrDefault(), (int)r.Number("voidedApprovals", int.MinValue, int.MaxValue));
        return r.Ok && window is not null ? read : null;
    }
}
