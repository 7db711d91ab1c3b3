using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Journal;

/// <summary>
/// The journal summary one ticket holds and the rules of the commands that add to its journal, shared by
/// incidents, service requests, problems and changes. Each command gives its aggregate what <c>Execute</c>
/// takes: the change to apply, the event to record, and the rule check, so every ticket type behaves alike.
/// The entries' text is in the events (the audit log), never here.
/// </summary>
internal sealed class TicketJournal
{
    private readonly string _record;

    /// <param name="record">The record type as messages name it, for example <c>incident</c>.</param>
    internal TicketJournal(string record) => _record = record;

    internal JournalSummary Summary { get; private set; }

    /// <summary>Puts the summary a stored state holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the time worked is negative or beyond <see cref="JournalLimits.MaxTimeWorked"/>.</exception>
    internal void Restore(JournalSummary summary)
    {
        Guard.Against.Negative(summary.WorkNotes, nameof(summary));
        Guard.Against.Negative(summary.Comments, nameof(summary));
        Guard.Against.Negative(summary.TimeEntries, nameof(summary));
        if (summary.TimeWorked < Duration.Zero || summary.TimeWorked > JournalLimits.MaxTimeWorked)
        {
            throw new ArgumentOutOfRangeException(nameof(summary), summary.TimeWorked, $"The time worked must be between zero and {JournalLimits.MaxTimeWorked.TotalHours} hours.");
        }

        Summary = summary;
    }

    /// <exception cref="ArgumentException"><paramref name="text"/> is blank.</exception>
    /// <exception cref="FieldLimitException"><paramref name="text"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    internal (Action<Instant> Apply, DomainEvent Event) AddWorkNote(string text)
    {
        FieldCheck.Required(text, FieldLimits.Text);
        return (_ => Summary = Summary with { WorkNotes = Summary.WorkNotes + 1 }, new WorkNoteAdded(text));
    }

    /// <exception cref="ArgumentException"><paramref name="text"/> is blank.</exception>
    /// <exception cref="FieldLimitException"><paramref name="text"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    internal (Action<Instant> Apply, DomainEvent Event) AddComment(string text)
    {
        FieldCheck.Required(text, FieldLimits.Text);
        return (_ => Summary = Summary with { Comments = Summary.Comments + 1 }, new CommentAdded(text));
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive, longer than <see cref="JournalLimits.MaxTimeEntry"/>, or not whole seconds.</exception>
    /// <exception cref="ArgumentException"><paramref name="note"/> is blank (null is fine).</exception>
    /// <exception cref="FieldLimitException"><paramref name="note"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    internal (Action<Instant> Apply, DomainEvent Event, Action Check) LogTime(Duration duration, string? note)
    {
        CheckDuration(duration);
        if (note is not null)
        {
            FieldCheck.Required(note, FieldLimits.Text);
        }

        return (_ => Summary = Summary with { TimeEntries = Summary.TimeEntries + 1, TimeWorked = Summary.TimeWorked + duration }, new TimeWorkedLogged(duration, note), () =>
        {
            if (Summary.TimeWorked + duration > JournalLimits.MaxTimeWorked)
            {
                throw new DomainRuleViolationException(
                    JournalLimits.TimeWorkedFullCode,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {_record} has {Summary.TimeWorked.TotalHours:0.##} hours worked; {duration.TotalHours:0.##} more would pass the most one ticket may total ({JournalLimits.MaxTimeWorked.TotalHours:0} hours)."));
            }
        });
    }

    /// <summary>Refuses a time-worked entry that is not positive, longer than <see cref="JournalLimits.MaxTimeEntry"/>, or not whole seconds.</summary>
    internal static void CheckDuration(Duration duration, string paramName = "duration")
    {
        if (duration <= Duration.Zero || duration > JournalLimits.MaxTimeEntry)
        {
            throw new ArgumentOutOfRangeException(paramName, duration, $"Time worked must be positive and at most {JournalLimits.MaxTimeEntry.TotalHours} hours per entry.");
        }

        if (duration.SubsecondNanoseconds != 0)
        {
            throw new ArgumentOutOfRangeException(paramName, duration, "Time worked is logged in whole seconds.");
        }
    }
}
