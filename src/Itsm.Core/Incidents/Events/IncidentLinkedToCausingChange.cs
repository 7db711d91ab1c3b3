using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The change that caused the incident was linked.</summary>
/// <remarks>Audit entry: command <c>LinkCausedByChange</c>; data keys <c>change</c> (a null value is left out).</remarks>
/// <param name="Change">The change's id.</param>

public sealed record IncidentLinkedToCausingChange(string Change) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "LinkCausedByChange";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("change", Change));

    internal static IncidentLinkedToCausingChange? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentLinkedToCausingChange(r.Required("change"));
        return r.Ok ? read : null;
    }
}
