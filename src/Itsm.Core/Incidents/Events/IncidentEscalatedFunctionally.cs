using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Functional escalation: the incident was reassigned to another support group (the assignee cleared).</summary>
/// <remarks>Audit entry: command <c>EscalateFunctionally</c>; data keys <c>fromGroup</c>, <c>toGroup</c>, <c>reason</c> (a null value is left out).</remarks>
/// <param name="FromGroup">The group before, if any.</param>
/// <param name="ToGroup">The group after.</param>
/// <param name="Reason">Why.</param>

public sealed record IncidentEscalatedFunctionally(SupportGroupId? FromGroup, SupportGroupId ToGroup, string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "EscalateFunctionally";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("fromGroup", FromGroup?.Value), ("toGroup", ToGroup.Value), ("reason", Reason));

    internal static IncidentEscalatedFunctionally? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentEscalatedFunctionally(r.OptionalId("fromGroup", v => new SupportGroupId(v)), r.RequiredId("toGroup", v => new SupportGroupId(v)), r.Required("reason"));
        return r.Ok ? read : null;
    }
}
