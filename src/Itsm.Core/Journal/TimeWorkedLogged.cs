using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Journal;

/// <summary>
/// Time worked on a ticket was logged, with an optional note: internal, like a work note. Shared by incidents,
/// service requests, problems and changes (the audit entry's record type says which); the state does not change,
/// the ticket's <see cref="JournalSummary.TimeWorked"/> grows by <see cref="Duration"/>.
/// </summary>
/// <remarks>
/// Audit entry: command <c>LogTime</c>; data keys <c>seconds</c> (a whole number, 1 to 86,400) and <c>note</c>
/// (left out when there is none). A reader who may not read work notes gets the entry as a
/// <see cref="JournalEntryWithheld"/> instead (docs/journal.md).
/// </remarks>
/// <param name="Duration">The time worked: positive, whole seconds, at most <see cref="JournalLimits.MaxTimeEntry"/>.</param>
/// <param name="Note">What the time was spent on, or null.</param>
public sealed record TimeWorkedLogged(Duration Duration, string? Note) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "LogTime";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("seconds", AuditData.Number((long)Duration.TotalSeconds)), ("note", Note));

    internal static TimeWorkedLogged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var seconds = r.Number("seconds", 1, (long)JournalLimits.MaxTimeEntry.TotalSeconds);
        var read = new TimeWorkedLogged(Duration.FromSeconds(seconds), r.Optional("note"));
        return r.Ok ? read : null;
    }
}
