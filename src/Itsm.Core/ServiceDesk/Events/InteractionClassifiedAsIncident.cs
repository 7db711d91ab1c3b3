using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>An interaction was classified as the incident raised from it.</summary>
/// <remarks>Audit entry: command <c>ClassifyAsIncident</c>; data keys <c>incident</c>, <c>resolvedOnFirstContact</c> (a null value is left out).</remarks>
/// <param name="Incident">The incident raised.</param>
/// <param name="ResolvedOnFirstContact">Whether the agent resolved the incident during the contact (a first-contact resolution).</param>

public sealed record InteractionClassifiedAsIncident(IncidentId Incident, bool ResolvedOnFirstContact) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ClassifyAsIncident";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("incident", Incident.ToString()), ("resolvedOnFirstContact", ResolvedOnFirstContact ? "true" : "false"));

    internal static InteractionClassifiedAsIncident? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new InteractionClassifiedAsIncident(new IncidentId(r.Guid("incident")), r.Boolean("resolvedOnFirstContact"));
        return r.Ok ? read : null;
    }
}
