using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Impact or urgency changed, and the priority was derived again.</summary>
/// <remarks>Audit entry: command <c>ChangeImpactOrUrgency</c>; data keys <c>impact</c>, <c>urgency</c>, <c>previousPriority</c>, <c>priority</c> (a null value is left out).</remarks>
/// <param name="Impact">The new impact.</param>
/// <param name="Urgency">The new urgency.</param>
/// <param name="PreviousPriority">The priority before.</param>
/// <param name="Priority">The priority after.</param>

public sealed record IncidentPriorityChanged(Impact Impact, Urgency Urgency, Priority PreviousPriority, Priority Priority) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ChangeImpactOrUrgency";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("impact", AuditData.Number((int)Impact)), ("urgency", AuditData.Number((int)Urgency)), ("previousPriority", AuditData.Number(PreviousPriority.Value)), ("priority", AuditData.Number(Priority.Value)));

    internal static IncidentPriorityChanged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentPriorityChanged(r.NumberEnum<Impact>("impact"), r.NumberEnum<Urgency>("urgency"), r.Priority("previousPriority"), r.Priority("priority"));
        return r.Ok ? read : null;
    }
}
