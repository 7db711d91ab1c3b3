using System;
using System.Collections.Generic;

namespace Itsm.BusinessTime;

/// <summary>
/// A business calendar definition is invalid: thrown by <see cref="BusinessCalendarBuilder.Build"/>
/// and <see cref="BusinessCalendar.FromJson(string)"/>, listing every problem found, each naming
/// where it is (for example <c>week.Monday[1]</c>).
/// </summary>
/// <remarks>The <see cref="Exception.Message"/> lists all <see cref="Errors"/>, one per line.</remarks>
public sealed class BusinessCalendarDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error, for hosts that map errors to their own messages.</summary>
    public const string ErrorCode = "ITSM-BT-CAL-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found, each a complete sentence.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public BusinessCalendarDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(BuildMessage(errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;

    // The same shape as the other definition errors of Itsm (agreements, service models): bounded, however many problems.
    private static string BuildMessage(IReadOnlyList<string> errors) => Itsm.Text.QuotedText.Problems("business calendar", errors);
}
