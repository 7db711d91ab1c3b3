using System;

namespace Itsm.Samples.WebApi.Http;

/// <summary>A request's input is unusable (HTTP 400): the body is not JSON, or a field, header or route value is missing or invalid.</summary>
public sealed class BadInputException : Exception
{
    /// <summary>The code when the body is not a JSON object.</summary>
    public const string BodyCode = "ITSM-WEBAPI-BODY-001";

    /// <summary>The code when a field, header, query or route value is missing or invalid.</summary>
    public const string InputCode = "ITSM-WEBAPI-INPUT-001";

    /// <summary>The code of a body that is not valid UTF-8, or holds a string that is not valid text (a lone surrogate such as <c>"\ud800"</c>).</summary>
    public const string TextCode = "ITSM-WEBAPI-BODY-002";

    /// <summary>The code of a JSON object that names one field twice.</summary>
    public const string DuplicateFieldCode = "ITSM-WEBAPI-BODY-003";

    /// <summary>The code of a body sent with a media type other than JSON (415).</summary>
    public const string MediaTypeCode = "ITSM-WEBAPI-MEDIA-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code: <see cref="BodyCode"/> or <see cref="InputCode"/>.</param>
    /// <param name="field">The field, header or route value at fault (for example <c>impact</c>, <c>If-Match</c>); <see langword="null"/> for the whole body.</param>
    /// <param name="message">What is wrong, as a sentence.</param>
    public BadInputException(string code, string? field, string message, int status = 400)
        : base(message)
    {
        Code = code;
        Field = field;
        Status = status;
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The field at fault, if any.</summary>
    public string? Field { get; }

    /// <summary>The HTTP status: 400, or 415 for a body that is not JSON by its media type.</summary>
    public int Status { get; }

    /// <summary>A missing or invalid field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="message">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static BadInputException ForField(string field, string message) => new(InputCode, field, message);
}
