using System;
using System.Globalization;
using Itsm.Engine;
using Itsm.Persistence;
using Microsoft.AspNetCore.Http;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// The HTTP side of optimistic concurrency and idempotency: a record's version is its strong
/// <c>ETag</c> (<c>"3"</c>); <c>If-Match</c> becomes <see cref="CommandOptions.ExpectedVersion"/>
/// and <c>Idempotency-Key</c> becomes <see cref="CommandOptions.IdempotencyKey"/> (the engine
/// fingerprints the typed command the body was read into, so a retry with another body conflicts).
/// </summary>
public static class CommandHeaders
{
    /// <summary>The idempotency key header (IETF draft <c>draft-ietf-httpapi-idempotency-key-header</c>).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a response that replays an earlier request with the same key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The ETag of a version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>A strong ETag, for example <c>"3"</c>.</returns>
    public static string ETagOf(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The command options of a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The options.</returns>
    /// <exception cref="BadInputException">A header is malformed.</exception>
    public static CommandOptions OptionsOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CommandOptions
        {
            ExpectedVersion = ExpectedVersion(request),
            IdempotencyKey = IdempotencyKey(request),
        };
    }

    /// <summary>The version <c>If-Match</c> names: <see langword="null"/> without the header or with <c>*</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The version, or <see langword="null"/>.</returns>
    /// <exception cref="BadInputException">The header is not one ETag this API issued.</exception>
    public static long? ExpectedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        var text = values.ToString().Trim();
        if (text == "*")
        {
            return null;
        }

        // Weak ETags never match under If-Match (RFC 9110, 13.1.1), so only "n" is accepted.
        if (text.Length >= 3 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version > 0)
        {
            return version;
        }

        throw BadInputException.ForField("If-Match", $"If-Match must be one strong ETag this API issued, such as \"3\" (or *); '{text}' is not.");
    }

    private static string? IdempotencyKey(HttpRequest request)
    {
        var values = request.Headers[IdempotencyKeyHeader];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.ToString().Trim();
        if (values.Count > 1 || key.Length == 0 || key.Length > Persistence.IdempotencyKey.MaxLength)
        {
            throw BadInputException.ForField(IdempotencyKeyHeader, string.Create(CultureInfo.InvariantCulture, $"{IdempotencyKeyHeader} must be one non-blank key of at most {Persistence.IdempotencyKey.MaxLength} characters."));
        }

        return key;
    }
}
