using System;
using System.Globalization;

namespace Itsm.Common;

/// <summary>
/// An argument is longer, or holds more items, than <see cref="FieldLimits"/> allows. Nothing changed.
/// It is an <see cref="ArgumentException"/> naming the parameter (bad input, like a blank title), with a
/// stable <see cref="Code"/> so a host can map it to an HTTP 400 problem type or a form message.
/// </summary>
/// <remarks>The message never quotes the value, only its size: a 10 MB title makes a short message.</remarks>
public sealed class FieldLimitException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code"><see cref="FieldLimits.TooLongCode"/> or <see cref="FieldLimits.TooManyItemsCode"/>.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="actual">The length or count given.</param>
    /// <param name="paramName">The parameter.</param>
    public FieldLimitException(string code, int limit, int actual, string? paramName)
        : base(Describe(code, limit, actual), paramName)
    {
        Code = code;
        Limit = limit;
        Actual = actual;
    }

    /// <summary>The stable code: <see cref="FieldLimits.TooLongCode"/> or <see cref="FieldLimits.TooManyItemsCode"/>.</summary>
    public string Code { get; }

    /// <summary>The limit: characters for text, items for a list.</summary>
    public int Limit { get; }

    /// <summary>The length or count that was given.</summary>
    public int Actual { get; }

    private static string Describe(string code, int limit, int actual) => code == FieldLimits.TooManyItemsCode
        ? string.Create(CultureInfo.InvariantCulture, $"The list holds {actual} items; at most {limit} are allowed.")
        : string.Create(CultureInfo.InvariantCulture, $"The text is {actual} characters long; at most {limit} are allowed.");
}
