using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Hierarchical escalation: a manager was notified.</summary>
/// <remarks>Audit entry: command <c>EscalateHierarchically</c>; data keys <c>manager</c>, <c>reason</c>, <c>level</c> (a null value is left out).</remarks>
/// <param name="Manager">The manager notified.</param>
/// <param name="Reason">Why.</param>
/// <param name="Level">The escalation level reached (1 for the first).</param>

public sealed record IncidentEscalatedHierarchically(string Manager, string Reason, int Level) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "EscalateHierarchically";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("manager", Manager), ("reason", Reason), ("level", AuditData.Number(Level)));

    internal static IncidentEscalatedHierarchically? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentEscalatedHierarchically(r.Required("manager"), r.Required("reason"), (int)r.Number("level", int.MinValue, int.MaxValue));
        return r.Ok ? read : null;
    }
}
