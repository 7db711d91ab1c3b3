using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The incident was put on hold.</summary>
/// <remarks>Audit entry: command <c>PutOnHold</c>; data keys <c>onHoldReason</c>, <c>comment</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>
/// <param name="Comment">The comment, if any.</param>

public sealed record IncidentPutOnHold(OnHoldReason Reason, string? Comment) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "PutOnHold";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("onHoldReason", Reason.ToString()), ("comment", Comment));

    internal static IncidentPutOnHold? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentPutOnHold(r.Enum<OnHoldReason>("onHoldReason"), r.Optional("comment"));
        return r.Ok ? read : null;
    }
}
