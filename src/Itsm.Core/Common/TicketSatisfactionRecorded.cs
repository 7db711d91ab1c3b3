using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>
/// A customer satisfaction survey result was recorded on a resolved or closed ticket. Shared by incidents and
/// service requests (the audit entry's record type says which); the entry's actor is who recorded it, which may
/// be an integration acting for <see cref="Respondent"/>.
/// </summary>
/// <remarks>Audit entry: command <c>RecordSatisfaction</c>; data keys <c>score</c>, <c>comment</c>, <c>respondent</c>
/// (a null value is left out). The SLA snapshot does not change.</remarks>
/// <param name="Score">The score, 1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Comment">The respondent's comment, or null.</param>
/// <param name="Respondent">Who answered.</param>
public sealed record TicketSatisfactionRecorded(int Score, string? Comment, string Respondent) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecordSatisfaction";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("score", Score.ToString(CultureInfo.InvariantCulture)), ("comment", Comment), ("respondent", Respondent));

    internal static TicketSatisfactionRecorded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketSatisfactionRecorded(
            (int)r.Number("score", Satisfaction.SatisfactionResponse.MinScore, Satisfaction.SatisfactionResponse.MaxScore), r.Optional("comment"), r.Required("respondent"));
        return r.Ok ? read : null;
    }
}
