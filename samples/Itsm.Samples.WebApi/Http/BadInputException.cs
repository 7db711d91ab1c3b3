using System;

namespace Itsm.Samples.WebApi.Http;

/// <summary>A request's input is unusable (HTTP 400): the body is not JSON, or a field, header or route value is missing or invalid.</summary>
public sealed class BadInputException : Exception
{
    /// <summary>The code when the body is not a JSON object.</summary>
    public const string BodyCode = "ITSM-WEBAPI-BODY-001";

    /// <summary>The code when a field, header, query or route value is missing or invalid.</summary>
    public const string InputCode = "ITSM-WEBAPI-INPUT-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code: <see cref="BodyCode"/> or <see cref="InputCode"/>.</param>
    /// <param name="field">The field, header or route value at fault (for example <c>impact</c>, <c>If-Match</c>); <see langword="null"/> for the whole body.</param>
    /// <param name="message">What is wrong, as a sentence.</param>
    public BadInputException(string code, string? field, string message)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The field at fault, if any.</summary>
    public string? Field { get; }

    /// <summary>A missing or invalid field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="message">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static BadInputException ForField(string field, string message) => new(InputCode, field, message);
}
