using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>A contact with the service desk was logged in state Logged.</summary>
/// <remarks>Audit entry: command <c>Log</c>; data keys <c>channel</c>, <c>callerId</c> (a null value is left out).</remarks>
/// <param name="Channel">How the contact came in.</param>
/// <param name="CallerId">Who made contact.</param>

public sealed record InteractionLogged(Channel Channel, string CallerId) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Log";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("channel", Channel.ToString()), ("callerId", CallerId));

    internal static InteractionLogged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new InteractionLogged(r.Enum<Channel>("channel"), r.Required("callerId"));
        return r.Ok ? read : null;
    }
}
