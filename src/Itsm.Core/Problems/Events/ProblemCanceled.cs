using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>The problem was canceled before resolution (logged in error, not a problem after all).</summary>
/// <remarks>Audit entry: command <c>Cancel</c>; data keys <c>reason</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record ProblemCanceled(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Cancel";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static ProblemCanceled? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemCanceled(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
