using System;
using System.Collections.Generic;

namespace Itsm.BusinessTime.ICalendar;

/// <summary>
/// An iCalendar feed cannot be read: it is not iCalendar text, is too large, or has events that
/// cannot be turned into holidays and closures. Lists every problem found, each naming the event
/// (by UID and summary) where there is one.
/// </summary>
/// <remarks>The <see cref="Exception.Message"/> lists the first problems, one per line, with every
/// quoted value cut to a bounded length, so a hostile feed cannot make a huge message.</remarks>
public sealed class ICalendarFeedException : ArgumentException
{
    /// <summary>The stable code of this error, for hosts that map errors to their own messages.</summary>
    public const string ErrorCode = "ITSM-BT-ICS-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found, each a complete sentence.</param>
    /// <param name="paramName">The parameter the feed came from, if any.</param>
    public ICalendarFeedException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Itsm.Text.QuotedText.Problems("iCalendar feed", errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the feed.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}
