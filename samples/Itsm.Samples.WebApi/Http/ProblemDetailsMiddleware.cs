using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// Turns every error into an RFC 9457 problem details response (<c>application/problem+json</c>) with
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, <c>instance</c>, a stable <c>code</c> and
/// the members that let a client act (the permitted commands, the versions, the field at fault).
/// Internal errors say nothing about their cause; they are logged with the <c>traceId</c> they return.
/// </summary>
public sealed partial class ProblemDetailsMiddleware
{
    /// <summary>The media type of every error response.</summary>
    public const string ProblemJson = "application/problem+json";

    /// <summary>Where the problem types are documented (the sample's README).</summary>
    public const string TypeBase = "https://github.com/itsm-core/itsm-core/blob/main/samples/Itsm.Samples.WebApi/README.md#";

    /// <summary>The code of an unexpected failure.</summary>
    public const string InternalCode = "ITSM-WEBAPI-INTERNAL-001";

    /// <summary>The code of a request body larger than the server accepts (413).</summary>
    public const string TooLargeCode = "ITSM-WEBAPI-BODY-004";

    /// <summary>The code of a path that names no endpoint (404 from routing, not a missing record).</summary>
    public const string NoRouteCode = "ITSM-WEBAPI-ROUTE-001";

    /// <summary>The code of a method the path does not take (405).</summary>
    public const string MethodCode = "ITSM-WEBAPI-METHOD-001";

    /// <summary>The code of any other status the server answers without an exception.</summary>
    public const string HttpCode = "ITSM-WEBAPI-HTTP-001";

    /// <summary>The code of a request without an actor.</summary>
    public const string UnauthenticatedCode = "ITSM-WEBAPI-ACTOR-001";

    private readonly RequestDelegate _next;
    private readonly ILogger<ProblemDetailsMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="logger">Where internal errors are logged.</param>
    public ProblemDetailsMiddleware(RequestDelegate next, ILogger<ProblemDetailsMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    /// <summary>Runs the rest of the pipeline and answers its errors.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The work.</returns>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var problem = Describe(ex, context);
            context.Response.Clear();
            context.Response.StatusCode = problem.Status;
            foreach (var (name, value) in problem.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = ProblemJson;
            await JsonSerializer.SerializeAsync(context.Response.Body, problem.Body, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Completes the problem details ASP.NET Core writes itself (status code pages: a path no endpoint
    /// matches, a method the path does not take) the way this middleware writes its own: a <c>type</c> in the
    /// README, a title, the path as <c>instance</c>, and a stable <c>code</c>.
    /// </summary>
    /// <param name="context">The problem being written.</param>
    public static void DescribeStatus(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var (slug, title, code, detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => ("no-route", "No such endpoint", NoRouteCode, "No endpoint answers this path; see the README for the API's routes."),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "Method not allowed", MethodCode, $"This path does not take {context.HttpContext.Request.Method}; the Allow header lists the methods it takes."),
            StatusCodes.Status413PayloadTooLarge => ("payload-too-large", "Payload too large", TooLargeCode, "The request body is larger than the server accepts."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type", BadInputException.MediaTypeCode, "Send the request body as application/json in UTF-8."),
            _ => ("http-error", problem.Title ?? "HTTP error", HttpCode, problem.Detail ?? "The request was not served."),
        };
        problem.Type = TypeBase + slug;
        problem.Title = title;
        problem.Detail ??= detail;
        problem.Instance = context.HttpContext.Request.Path.Value;
        problem.Extensions["code"] = code;
    }

    private Problem Describe(Exception exception, HttpContext context)
    {
        var path = context.Request.Path.Value;
        switch (exception)
        {
            case UnauthenticatedException e:
                return new Problem(401, "unauthenticated", "Unauthenticated", e.Message, path, UnauthenticatedCode)
                    .WithHeader("WWW-Authenticate", "X-Actor realm=\"itsm-sample\"");

            case BadInputException { Status: StatusCodes.Status415UnsupportedMediaType } e:
                return new Problem(415, "unsupported-media-type", "Unsupported media type", e.Message, path, e.Code);

            case BadInputException e:
                return BadRequest(e.Code, e.Field, e.Message, path);

            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return new Problem(413, "payload-too-large", "Payload too large", "The request body is larger than the server accepts.", path, TooLargeCode);

            case BadHttpRequestException e:
                return new Problem(e.StatusCode, "bad-request", "Bad request", "The request could not be read.", path, BadInputException.BodyCode);

            case ArgumentException e:
                // Bad input the engine or the domain refused (Ardalis guards name the parameter, and
                // the API names its JSON fields after the domain's parameters).
                return BadRequest(BadInputException.InputCode, e.ParamName, WithoutParameterSuffix(e), path);

            case InvalidTransitionException e:
            {
                var catalog = context.RequestServices.GetRequiredService<ApiCommandCatalog>();
                return new Problem(409, "invalid-transition", "Command not permitted in this state", e.Message, path, e.Code)
                    .With("recordType", e.RecordType)
                    .With("state", e.State)
                    .With("trigger", e.Trigger)
                    .With("permittedTriggers", e.PermittedTriggers)
                    .With("permittedCommands", catalog.CommandsFor(e.RecordType, e.PermittedTriggers));
            }

            case DomainRuleViolationException e:
                return new Problem(422, "rule-violation", "Domain rule violated", e.Message, path, e.Code);

            case ConcurrencyException e:
                return new Problem(412, "version-mismatch", "Version mismatch", e.Message, path, e.Code)
                    .With("recordType", e.RecordType)
                    .With("recordId", e.RecordId)
                    .With("expectedVersion", e.ExpectedVersion)
                    .With("actualVersion", e.ActualVersion)
                    .With("currentETag", CommandHeaders.ETagOf(e.ActualVersion))
                    .WithHeader("ETag", CommandHeaders.ETagOf(e.ActualVersion));

            case AggregateNotFoundException e:
                return new Problem(404, "not-found", "Record not found", e.Message, path, e.Code)
                    .With("recordType", e.RecordType)
                    .With("recordId", e.RecordId);

            case ItsmAuthorizationException e:
                if (e.InnerException is not null)
                {
                    LogAuthorizerFailure(_logger, e.InnerException, context.TraceIdentifier);
                }

                return Forbidden(e.Message, path, e.Actor, e.Action);

            case IdempotencyConflictException e:
                // 422, as the IETF Idempotency-Key draft says for a key reused with another payload.
                return new Problem(422, "idempotency-key-reused", "Idempotency key reused", e.Message, path, e.Code)
                    .With("idempotencyKey", e.Key);

            case CorruptRecordException e:
                LogInternal(_logger, e, context.TraceIdentifier);
                return new Problem(500, "corrupt-record", "Record unreadable", "The record is stored in a form that cannot be read. It was left as it is; quote the traceId to an operator.", path, e.Code)
                    .With("traceId", context.TraceIdentifier);

            case StoreUnavailableException e:
                LogInternal(_logger, e, context.TraceIdentifier);
                return new Problem(503, "store-unavailable", "Store unavailable", "The record store cannot be used right now; nothing was written. Try again later.", path, e.Code)
                    .With("traceId", context.TraceIdentifier)
                    .WithHeader("Retry-After", "30");

            default:
                LogInternal(_logger, exception, context.TraceIdentifier);
                return new Problem(500, "internal-error", "Internal error", "The request failed unexpectedly; quote the traceId to an operator.", path, InternalCode)
                    .With("traceId", context.TraceIdentifier);
        }
    }

    private static Problem BadRequest(string code, string? field, string detail, string? path)
    {
        var problem = new Problem(400, "bad-request", "Bad request", detail, path, code);
        if (field is not null)
        {
            problem.With("field", field).With("errors", new Dictionary<string, string[]> { [field] = [detail] });
        }

        return problem;
    }

    // A refused command and a refused read answer alike: the command's code, who asked, and for what.
    private static Problem Forbidden(string detail, string? path, Actor? actor, string action) =>
        new Problem(403, "forbidden", "Forbidden", detail, path, ItsmAuthorizationException.ErrorCode)
            .With("actor", actor?.Id)
            .With("action", action);

    private static string WithoutParameterSuffix(ArgumentException e)
    {
        var message = e.Message;
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Request {TraceId} failed.")]
    private static partial void LogInternal(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The authorizer failed in request {TraceId}; the command was refused.")]
    private static partial void LogAuthorizerFailure(ILogger logger, Exception exception, string traceId);

    private sealed class Problem
    {
        public Problem(int status, string slug, string title, string detail, string? instance, string code)
        {
            Status = status;
            Body["type"] = TypeBase + slug;
            Body["title"] = title;
            Body["status"] = status;
            Body["detail"] = detail;
            Body["instance"] = instance;
            Body["code"] = code;
        }

        public int Status { get; }

        public Dictionary<string, object?> Body { get; } = new(StringComparer.Ordinal);

        public List<(string Name, string Value)> Headers { get; } = [];

        public Problem With(string name, object? value)
        {
            Body[name] = value;
            return this;
        }

        public Problem WithHeader(string name, string value)
        {
            Headers.Add((name, value));
            return this;
        }
    }
}
