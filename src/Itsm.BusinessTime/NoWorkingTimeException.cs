using System;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// A business-time query cannot be answered because the calendar has no working time where the
/// answer would have to be: an unbroken stretch without working time of at least
/// <see cref="BusinessCalendar.SearchHorizon"/> (ten years) lies in the way, or the answer would fall
/// outside <see cref="BusinessCalendar.MinSupportedInstant"/>..<see cref="BusinessCalendar.MaxSupportedInstant"/>.
/// </summary>
public sealed class NoWorkingTimeException : InvalidOperationException
{
    /// <summary>The stable code of this error, for hosts that map errors to their own messages.</summary>
    public const string ErrorCode = "ITSM-BT-NOWORK-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be answered, and why.</param>
    /// <param name="from">The instant the query started from.</param>
    public NoWorkingTimeException(string message, Instant from)
        : base(message)
    {
        From = from;
    }

    /// <summary>The instant the query started from.</summary>
    public Instant From { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}
