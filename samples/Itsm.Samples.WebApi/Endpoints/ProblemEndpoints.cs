using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>The problem endpoints: create, get, list and the main commands.</summary>
public static class ProblemEndpoints
{
    /// <summary>Maps the endpoints under <c>/tenants/{tenant}/problems</c>.</summary>
    /// <param name="app">The route builder.</param>
    public static void Map(IEndpointRouteBuilder app)
    {
        new RecordEndpoints<Problem, ProblemId>(app, "problems", Problem.RecordType, e => e.Problems, g => new ProblemId(g), ProblemJson.From)
            .MapCreate(static (r, id) =>
            {
                var shortDescription = r.Body.RequiredString("shortDescription");
                var service = r.Body.OptionalString("service");
                return clock => Problem.Open(r.Tenant, id, r.Actor, shortDescription, clock, service);
            })
            .MapGet(static p => p.Version)
            .MapList(Enum.GetNames<ProblemState>())
            .MapCommand("assess", static r => Plan(ProblemCommand.Assess, p => p.Assess(r.Actor)), nameof(ProblemCommand.Assess))
            .MapCommand("start-analysis", static r => Plan(ProblemCommand.StartRootCauseAnalysis, p => p.StartRootCauseAnalysis(r.Actor)), nameof(ProblemCommand.StartRootCauseAnalysis))
            .MapCommand("root-cause", static r =>
            {
                var rootCause = r.Body.RequiredString("rootCause");
                return Plan(ProblemCommand.RecordRootCause, p => p.RecordRootCause(r.Actor, rootCause));
            }, nameof(ProblemCommand.RecordRootCause))
            .MapCommand("workaround", static r =>
            {
                var workaround = r.Body.RequiredString("workaround");
                return Plan(ProblemCommand.DocumentWorkaround, p => p.DocumentWorkaround(r.Actor, workaround));
            }, nameof(ProblemCommand.DocumentWorkaround))
            .MapCommand("known-error", static r =>
            {
                var symptom = r.Body.RequiredString("symptom");
                var affectedItems = r.Body.StringArray("affectedItems");
                return Plan(ProblemCommand.MarkAsKnownError, p => p.MarkAsKnownError(r.Actor, symptom, affectedItems));
            }, nameof(ProblemCommand.MarkAsKnownError))
            .MapCommand("start-fix", static r => Plan(ProblemCommand.StartFix, p => p.StartFix(r.Actor)), nameof(ProblemCommand.StartFix))
            .MapCommand("resolve", static r =>
            {
                var code = r.Body.RequiredEnum<ProblemResolutionCode>("code");
                var notes = r.Body.OptionalString("notes") ?? string.Empty;
                return Plan(ProblemCommand.Resolve, p => p.Resolve(r.Actor, code, notes));
            }, nameof(ProblemCommand.Resolve))
            .MapCommand("close", static r => Plan(ProblemCommand.Close, p => p.Close(r.Actor)), nameof(ProblemCommand.Close))
            .MapCommand("cancel", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return Plan(ProblemCommand.Cancel, p => p.Cancel(r.Actor, reason));
            }, nameof(ProblemCommand.Cancel));
    }

    private static CommandPlan<Problem> Plan(ProblemCommand command, Action<Problem> run) => new(command.ToString(), run);
}

/// <summary>A problem as the API shows it.</summary>
public sealed record ProblemJson(
    string Id,
    string Tenant,
    long Version,
    string State,
    string ShortDescription,
    string? Service,
    string? RootCause,
    string? Workaround,
    KnownErrorJson? KnownError,
    IReadOnlyList<string> LinkedIncidents,
    IReadOnlyList<string> Changes,
    string? ResolutionCode,
    string? ResolutionNotes,
    Instant OpenedAt,
    Instant? ResolvedAt,
    IReadOnlyList<string> PermittedCommands)
{
    /// <summary>The JSON of a problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="catalog">Translates its permitted triggers into API commands.</param>
    /// <returns>The JSON object.</returns>
    public static object From(Problem problem, ApiCommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(catalog);
        return new ProblemJson(
            problem.Id.ToString(),
            problem.Tenant.Value,
            problem.Version,
            problem.State.ToString(),
            problem.ShortDescription,
            problem.Service,
            problem.RootCause,
            problem.Workaround,
            problem.KnownError is { } known ? new KnownErrorJson(known.Symptom, known.RootCause, known.Workaround, known.AffectedItems) : null,
            problem.LinkedIncidents.Select(i => i.ToString()).ToArray(),
            problem.Changes,
            problem.ResolutionCode?.ToString(),
            problem.ResolutionNotes,
            problem.OpenedAt,
            problem.ResolvedAt,
            catalog.CommandsFor(Problem.RecordType, problem.PermittedCommands.Select(c => c.ToString())));
    }
}

/// <summary>A problem's known error record.</summary>
/// <param name="Symptom">How the error shows itself to users.</param>
/// <param name="RootCause">The root cause.</param>
/// <param name="Workaround">The workaround.</param>
/// <param name="AffectedItems">The services or configuration items affected.</param>
public sealed record KnownErrorJson(string Symptom, string RootCause, string Workaround, IReadOnlyList<string> AffectedItems);
