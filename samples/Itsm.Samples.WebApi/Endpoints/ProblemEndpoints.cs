using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Services;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>The problem endpoints: create, get, list and the main commands, and assignment.</summary>
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
                return new OpenProblem(shortDescription, service is null ? null : new ServiceId(service));
            })
            .MapGet(static p => p.Version)
            .MapList(Enum.GetNames<ProblemState>(), nameof(ProblemState.Resolved))
            .MapAssignment(
                static (group, assignee) => new AssignProblem(group is null ? null : new SupportGroupId(group), assignee), nameof(ProblemCommand.Assign),
                static () => new UnassignProblem(), nameof(ProblemCommand.Unassign))
            .MapCommand("assess", static r => new AssessProblem(), nameof(ProblemCommand.Assess))
            .MapCommand("start-analysis", static r => new StartProblemRootCauseAnalysis(), nameof(ProblemCommand.StartRootCauseAnalysis))
            .MapCommand("root-cause", static r =>
            {
                var rootCause = r.Body.RequiredString("rootCause");
                return new RecordProblemRootCause(rootCause);
            }, nameof(ProblemCommand.RecordRootCause))
            .MapCommand("workaround", static r =>
            {
                var workaround = r.Body.RequiredString("workaround");
                return new DocumentProblemWorkaround(workaround);
            }, nameof(ProblemCommand.DocumentWorkaround))
            .MapCommand("known-error", static r =>
            {
                var symptom = r.Body.RequiredString("symptom");
                var affectedItems = r.Body.StringArray("affectedItems");
                return new MarkProblemAsKnownError(symptom, affectedItems);
            }, nameof(ProblemCommand.MarkAsKnownError))
            .MapCommand("start-fix", static r => new StartProblemFix(), nameof(ProblemCommand.StartFix))
            .MapCommand("resolve", static r =>
            {
                var code = r.Body.RequiredEnum<ProblemResolutionCode>("code");
                var notes = r.Body.OptionalString("notes") ?? string.Empty;
                return new ResolveProblem(code, notes);
            }, nameof(ProblemCommand.Resolve))
            .MapCommand("close", static r => new CloseProblem(), nameof(ProblemCommand.Close))
            .MapCommand("cancel", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return new CancelProblem(reason);
            }, nameof(ProblemCommand.Cancel))
            // A named transition of the record's workflow (docs/workflows.md): {"transition": "triage"}.
            .MapCommand("transition", static r => new TransitionProblemWorkflow(r.Body.RequiredString("transition")), nameof(ProblemCommand.TransitionWorkflow));
    }

}

/// <summary>A problem as the API shows it.</summary>
public sealed record ProblemJson(
    string Id,
    string? Number,
    string Tenant,
    long Version,
    string State,
    string ShortDescription,
    string? Service,
    string? AssignmentGroup,
    string? AssignedTo,
    string? RootCause,
    string? Workaround,
    KnownErrorJson? KnownError,
    IReadOnlyList<string> LinkedIncidents,
    IReadOnlyList<string> Changes,
    string? ResolutionCode,
    string? ResolutionNotes,
    Instant OpenedAt,
    Instant? ResolvedAt,
    IReadOnlyList<string> PermittedCommands,
    WorkflowView? Workflow)
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
            problem.Number,
            problem.Tenant.Value,
            problem.Version,
            problem.State.ToString(),
            problem.ShortDescription,
            problem.Service?.Value,
            problem.AssignmentGroup?.Value,
            problem.AssignedTo,
            problem.RootCause,
            problem.Workaround,
            problem.KnownError is { } known ? new KnownErrorJson(known.Symptom, known.RootCause, known.Workaround, known.AffectedItems) : null,
            problem.LinkedIncidents.Select(i => i.ToString()).ToArray(),
            problem.Changes,
            problem.ResolutionCode?.ToString(),
            problem.ResolutionNotes,
            problem.OpenedAt,
            problem.ResolvedAt,
            catalog.CommandsFor(Problem.RecordType, problem.PermittedCommands.Select(c => c.ToString())),
            WorkflowView.Of(problem.Workflow, problem.WorkflowState));
    }
}

/// <summary>A problem's known error record.</summary>
/// <param name="Symptom">How the error shows itself to users.</param>
/// <param name="RootCause">The root cause.</param>
/// <param name="Workaround">The workaround.</param>
/// <param name="AffectedItems">The services or configuration items affected.</param>
public sealed record KnownErrorJson(string Symptom, string RootCause, string Workaround, IReadOnlyList<string> AffectedItems);
