using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The related problem was linked.</summary>
/// <remarks>Audit entry: command <c>LinkProblem</c>; data keys <c>problem</c> (a null value is left out).</remarks>
/// <param name="Problem">The problem's id.</param>

public sealed record IncidentLinkedToProblem(string Problem) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "LinkProblem";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("problem", Problem));

    internal static IncidentLinkedToProblem? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentLinkedToProblem(r.Required("problem"));
        return r.Ok ? read : null;
    }
}
