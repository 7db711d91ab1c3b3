using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>The problem was resolved: its root cause was removed (or it was resolved otherwise, as the code says).</summary>
/// <remarks>Audit entry: command <c>Resolve</c>; data keys <c>resolutionCode</c>, <c>notes</c> (a null value is left out).</remarks>
/// <param name="Code">How it was resolved.</param>
/// <param name="Notes">The resolution notes.</param>

public sealed record ProblemResolved(ProblemResolutionCode Code, string Notes) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Resolve";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("resolutionCode", Code.ToString()), ("notes", Notes));

    internal static ProblemResolved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemResolved(r.Enum<ProblemResolutionCode>("resolutionCode"), r.Required("notes"));
        return r.Ok ? read : null;
    }
}
