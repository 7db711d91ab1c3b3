using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An improvement item was rejected (the entry's actor is the approver); terminal.</summary>
/// <remarks>Audit entry: command <c>Reject</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record ImprovementItemRejected(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Reject";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static ImprovementItemRejected? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemRejected(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
