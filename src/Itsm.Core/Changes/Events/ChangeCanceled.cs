using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The change was canceled before its review.</summary>
/// <remarks>Audit entry: command <c>Cancel</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record ChangeCanceled(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Cancel";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static ChangeCanceled? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeCanceled(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
