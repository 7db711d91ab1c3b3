using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>An incident was opened (logged) in state New.</summary>
/// <remarks>Audit entry: command <c>Open</c>; data keys <c>callerId</c>, <c>impact</c>, <c>urgency</c>, <c>priority</c>, <c>service</c> (a null value is left out).</remarks>
/// <param name="CallerId">The caller's id.</param>
/// <param name="Impact">The impact.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="Priority">The priority derived from impact and urgency.</param>
/// <param name="Service">The affected service, if known.</param>

public sealed record IncidentOpened(string CallerId, Impact Impact, Urgency Urgency, Priority Priority, string? Service) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("callerId", CallerId), ("impact", AuditData.Number((int)Impact)), ("urgency", AuditData.Number((int)Urgency)), ("priority", AuditData.Number(Priority.Value)), ("service", Service));

    internal static IncidentOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentOpened(r.Required("callerId"), r.NumberEnum<Impact>("impact"), r.NumberEnum<Urgency>("urgency"), r.Priority("priority"), r.Optional("service"));
        return r.Ok ? read : null;
    }
}
