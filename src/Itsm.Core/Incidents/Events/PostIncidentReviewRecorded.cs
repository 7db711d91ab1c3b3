using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The post-incident review of a major incident was recorded.</summary>
/// <remarks>Audit entry: command <c>RecordPostIncidentReview</c>; data keys <c>summary</c> (a null value is left out).</remarks>
/// <param name="Summary">The review's summary.</param>

public sealed record PostIncidentReviewRecorded(string Summary) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecordPostIncidentReview";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("summary", Summary));

    internal static PostIncidentReviewRecorded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new PostIncidentReviewRecorded(r.Required("summary"));
        return r.Ok ? read : null;
    }
}
