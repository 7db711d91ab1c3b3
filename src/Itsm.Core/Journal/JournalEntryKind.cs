namespace Itsm.Journal;

/// <summary>
/// The kinds of entry a ticket's journal holds (docs/journal.md). The kind decides who may read the entry:
/// a <see cref="Comment"/> is for the caller too, a <see cref="WorkNote"/> and a <see cref="TimeWorked"/>
/// entry are internal to the people working the ticket.
/// </summary>
public enum JournalEntryKind
{
    /// <summary>An internal note for the people working the ticket (ServiceNow's <c>work_notes</c>, Jira Service Management's internal comment); a caller never reads it.</summary>
    WorkNote = 0,

    /// <summary>A comment the caller reads too (ServiceNow's <c>comments</c>, "additional comments"; Jira Service Management's "reply to customer").</summary>
    Comment = 1,

    /// <summary>Time worked on the ticket, with an optional note (ServiceNow's time worked, Jira's work log); internal, like a work note.</summary>
    TimeWorked = 2,
}
