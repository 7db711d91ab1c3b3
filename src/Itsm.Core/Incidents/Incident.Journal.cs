using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Journal;
using NodaTime;

namespace Itsm.Incidents;

// The incident's journal (docs/journal.md): work notes, comments and time worked. The entries live in the audit
// log; the incident keeps only their summary, so a command costs the same however long the journal grows.
public sealed partial class Incident
{
    private readonly TicketJournal _journal = new("incident");

    /// <summary>How many work notes, comments and time entries the incident's journal holds, and the total time worked.</summary>
    public JournalSummary Journal => _journal.Summary;

    /// <summary>
    /// Adds an internal work note to the journal, in New, InProgress, OnHold and Resolved; the state does not change. Only readers the
    /// authorizer allows <c>ReadWorkNotes</c> see its text (docs/journal.md).
    /// </summary>
    /// <param name="actor">Who writes it.</param>
    /// <param name="text">The note: not blank, at most <see cref="FieldLimits.Text"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="text"/> is blank.</exception>
    /// <exception cref="FieldLimitException"><paramref name="text"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    public void AddWorkNote(Actor actor, string text)
    {
        Guard.Against.Null(actor);
        var (apply, @event) = _journal.AddWorkNote(text);
        Execute(actor, IncidentCommand.AddWorkNote, apply, @event);
    }

    /// <summary>Adds a comment the caller reads too, in New, InProgress, OnHold and Resolved; the state does not change.</summary>
    /// <param name="actor">Who writes it (an agent, or the caller).</param>
    /// <param name="text">The comment: not blank, at most <see cref="FieldLimits.Text"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="text"/> is blank.</exception>
    /// <exception cref="FieldLimitException"><paramref name="text"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    public void AddComment(Actor actor, string text)
    {
        Guard.Against.Null(actor);
        var (apply, @event) = _journal.AddComment(text);
        Execute(actor, IncidentCommand.AddComment, apply, @event);
    }

    /// <summary>
    /// Logs time worked on the incident, with an optional note, in New, InProgress, OnHold and Resolved; the state does not change and
    /// <see cref="JournalSummary.TimeWorked"/> grows by <paramref name="duration"/>. Internal, like a work note.
    /// </summary>
    /// <param name="actor">Who worked.</param>
    /// <param name="duration">The time worked: positive, whole seconds, at most <see cref="JournalLimits.MaxTimeEntry"/>.</param>
    /// <param name="note">What the time went on, or <see langword="null"/>; when given, not blank and at most <see cref="FieldLimits.Text"/> characters.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="duration"/> is not positive, longer than <see cref="JournalLimits.MaxTimeEntry"/>, or not whole seconds.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="note"/> is blank.</exception>
    /// <exception cref="FieldLimitException"><paramref name="note"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-JOURNAL-001</c>: the total would pass <see cref="JournalLimits.MaxTimeWorked"/>.</exception>
    public void LogTime(Actor actor, Duration duration, string? note = null)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _journal.LogTime(duration, note);
        Execute(actor, IncidentCommand.LogTime, apply, @event, check);
    }

    /// <summary>Puts the journal summary a stored state holds (the codec calls it after <c>Restore</c>).</summary>
    internal Incident WithJournal(JournalSummary summary)
    {
        _journal.Restore(summary);
        return this;
    }
}
