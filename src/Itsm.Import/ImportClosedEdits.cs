namespace Itsm.Import;

/// <summary>
/// What the replay does with a row that changes a field of a Closed or Canceled ticket (its assignment group or assignee,
/// impact or urgency, a problem or causing-change link): the library's lifecycle refuses those commands on a Closed or
/// Canceled incident, while real logs carry such edits (an agent taking the closed ticket into their group before
/// reopening it, an administrator's or a script's clean-up, a canceled duplicate moved to another queue). A mapping's <c>closedEdits</c> sets it; see docs/import.md, "Edits of closed tickets".
/// </summary>
public enum ImportClosedEdits
{
    /// <summary>
    /// The ticket is refused at that row (<c>invalid-transition:Closed:Assign</c>, <c>invalid-transition:Canceled:Assign</c>,
    /// ...), as the engine would refuse the command. The default of a mapping that says nothing.
    /// </summary>
    Refuse = 0,

    /// <summary>
    /// The edits wait: when a later row reopens the ticket, they are applied right after the reopen, at its instant and by
    /// its actor; when none does (a Canceled ticket never reopens), they are dropped and counted (<see cref="ImportReport.IgnoredEditsAfterClose"/>). The
    /// shipped mappings' choice.
    /// </summary>
    CarryToReopen = 1,
}
