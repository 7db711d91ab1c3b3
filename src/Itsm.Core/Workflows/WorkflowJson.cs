using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Text;

namespace Itsm.Workflows;

/// <summary>
/// Reads and writes workflow definitions as JSON (docs/workflow-json.md), next to the calendar, agreement and
/// routing formats, so a host keeps its workflows in configuration. A document holds one workflow: its id,
/// the lifecycle it refines and its versions, oldest first; reading it yields the newest version, whose
/// <see cref="Workflow{TState, TCommand}.Previous"/> chain holds the older ones.
/// </summary>
/// <remarks>
/// <para>Reading checks the document as <see cref="WorkflowBuilder{TState, TCommand}.Build"/> checks a definition
/// in code (the same rules, the same <see cref="WorkflowProblemCode"/>s) and reports every problem found in one
/// <see cref="WorkflowDefinitionException"/>, each naming its JSON path, for example
/// <c>versions[1].states[0].parent: 'Doing' is not a state of Incident (expected New, InProgress, OnHold, Resolved).</c>
/// The format's own problems (malformed JSON, unknown, missing or repeated properties, wrong types, unknown
/// names) come first; the definition rules are checked on each version without <see cref="WorkflowProblemCode.InvalidJson"/>
/// problems, all in one pass with the reader's own, as <see cref="WorkflowBuilder{TState, TCommand}.Build"/> checks them.</para>
/// <para>A guard's <c>when</c> names a predicate the host passes when it reads: predicates are code, so the
/// document names them and the host supplies them by name. Writing a workflow writes each predicate's
/// <see cref="WorkflowGuard.PredicateName"/>.</para>
/// </remarks>
public static class WorkflowJson
{
    private static readonly IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> NoPredicates =
        new Dictionary<string, Func<WorkflowGuardContext, bool>>(StringComparer.Ordinal);

    /// <summary>The lifecycle names a document can give, in the order errors list them.</summary>
    private static readonly string[] LifecycleNames =
        [WorkflowLifecycles.Incident.Name, WorkflowLifecycles.Problem.Name, WorkflowLifecycles.ServiceRequest.Name, .. Enum.GetValues<ChangeType>().Select(WorkflowLifecycles.ChangeLifecycleName)];

    /// <summary>Reads a workflow of any lifecycle the format knows; the document's <c>lifecycle</c> says which.</summary>
    /// <param name="json">The document.</param>
    /// <param name="predicates">The host predicates guards may name in <c>when</c>, by name; <see langword="null"/> for none.</param>
    /// <returns>The newest version, with the older ones as its <see cref="Workflow.PreviousVersion"/> chain: a <see cref="Workflow{TState, TCommand}"/> of the lifecycle's states and commands (<see cref="IncidentState"/> and <see cref="IncidentCommand"/>, <see cref="ChangeState"/> and <see cref="ChangeCommand"/>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="WorkflowDefinitionException">The document is not a valid workflow definition: every problem is listed (parameter <c>json</c>).</exception>
    public static Workflow Read(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates = null) =>
        Read(json, predicates, family: null);

    /// <summary>Reads an incident workflow (lifecycle <c>Incident</c>).</summary>
    /// <param name="json">The document.</param>
    /// <param name="predicates">The host predicates guards may name in <c>when</c>, by name; <see langword="null"/> for none.</param>
    /// <returns>The newest version, with the older ones as its <see cref="Workflow{TState, TCommand}.Previous"/> chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="WorkflowDefinitionException">The document is not a valid incident workflow definition (another lifecycle included): every problem is listed (parameter <c>json</c>).</exception>
    public static Workflow<IncidentState, IncidentCommand> ReadIncident(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates = null) =>
        (Workflow<IncidentState, IncidentCommand>)Read(json, predicates, family: Incident.RecordType);

    /// <summary>Reads a problem workflow (lifecycle <c>Problem</c>).</summary>
    /// <param name="json">The document.</param>
    /// <param name="predicates">The host predicates guards may name in <c>when</c>, by name; <see langword="null"/> for none.</param>
    /// <returns>The newest version, with the older ones as its <see cref="Workflow{TState, TCommand}.Previous"/> chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="WorkflowDefinitionException">The document is not a valid problem workflow definition (another lifecycle included): every problem is listed (parameter <c>json</c>).</exception>
    public static Workflow<ProblemState, ProblemCommand> ReadProblem(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates = null) =>
        (Workflow<ProblemState, ProblemCommand>)Read(json, predicates, family: Problem.RecordType);

    /// <summary>Reads a service request workflow (lifecycle <c>ServiceRequest</c>).</summary>
    /// <param name="json">The document.</param>
    /// <param name="predicates">The host predicates guards may name in <c>when</c>, by name; <see langword="null"/> for none.</param>
    /// <returns>The newest version, with the older ones as its <see cref="Workflow{TState, TCommand}.Previous"/> chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="WorkflowDefinitionException">The document is not a valid service request workflow definition (another lifecycle included): every problem is listed (parameter <c>json</c>).</exception>
    public static Workflow<ServiceRequestState, ServiceRequestCommand> ReadServiceRequest(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates = null) =>
        (Workflow<ServiceRequestState, ServiceRequestCommand>)Read(json, predicates, family: ServiceRequest.RecordType);

    /// <summary>Reads a change workflow (lifecycle <c>Change.Normal</c>, <c>Change.Standard</c> or <c>Change.Emergency</c>).</summary>
    /// <param name="json">The document.</param>
    /// <param name="predicates">The host predicates guards may name in <c>when</c>, by name; <see langword="null"/> for none.</param>
    /// <returns>The newest version, with the older ones as its <see cref="Workflow{TState, TCommand}.Previous"/> chain; its <see cref="Workflow.Lifecycle"/> names the change type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="WorkflowDefinitionException">The document is not a valid change workflow definition (another lifecycle included): every problem is listed (parameter <c>json</c>).</exception>
    public static Workflow<ChangeState, ChangeCommand> ReadChange(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates = null) =>
        (Workflow<ChangeState, ChangeCommand>)Read(json, predicates, family: Change.RecordType);

    /// <summary>Writes <paramref name="workflow"/> and every version it replaces (oldest first) in the format the readers read.</summary>
    /// <param name="workflow">The newest version to write.</param>
    /// <param name="indented">Whether to indent for people (the default) or write compactly for storage.</param>
    /// <returns>The document; reading it (with the same predicates by name) gives an equal definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public static string ToJson(Workflow workflow, bool indented = true)
    {
        Guard.Against.Null(workflow);
        return workflow switch
        {
            Workflow<IncidentState, IncidentCommand> incident => DefinitionJson.Write(writer => WorkflowJsonWriter.Write(writer, incident), indented),
            Workflow<ChangeState, ChangeCommand> change => DefinitionJson.Write(writer => WorkflowJsonWriter.Write(writer, change), indented),
            Workflow<ProblemState, ProblemCommand> problem => DefinitionJson.Write(writer => WorkflowJsonWriter.Write(writer, problem), indented),
            Workflow<ServiceRequestState, ServiceRequestCommand> request => DefinitionJson.Write(writer => WorkflowJsonWriter.Write(writer, request), indented),
            _ => throw new ArgumentException($"The workflow {QuotedText.Of(workflow)} is of a lifecycle the JSON format does not write.", nameof(workflow)),
        };
    }

    private static Workflow Read(string json, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>>? predicates, string? family)
    {
        Guard.Against.Null(json);
        using var document = Parse(json);
        var problems = new List<WorkflowProblem>();
        var root = document.RootElement;
        if (!WorkflowJsonElements.Object(root, string.Empty, ["id", "lifecycle", "versions"], problems))
        {
            throw Invalid(problems);
        }

        var id = WorkflowJsonElements.RequiredString(root, "id", string.Empty, problems);
        var lifecycle = WorkflowJsonElements.RequiredString(root, "lifecycle", string.Empty, problems);
        if (!root.TryGetProperty("versions", out var versions))
        {
            problems.Add(WorkflowJsonElements.Shape("versions", "is required."));
        }
        else if (versions.ValueKind != JsonValueKind.Array || versions.GetArrayLength() == 0)
        {
            problems.Add(WorkflowJsonElements.Shape("versions", "must be a list of at least one version, oldest first."));
        }

        var idIsValid = id is not null && WorkflowValidation.IsName(id);
        if (id is not null)
        {
            WorkflowValidation.Header(id, 1, problems);
        }

        if (lifecycle is not null && (!LifecycleNames.Contains(lifecycle, StringComparer.Ordinal) || (family is not null && FamilyOf(lifecycle) != family)))
        {
            var expected = family is null ? LifecycleNames : LifecycleNames.Where(n => FamilyOf(n) == family);
            problems.Add(WorkflowJsonElements.Shape("lifecycle", $"'{QuotedText.Of(lifecycle)}' is not a lifecycle this reads (expected {string.Join(", ", expected)})."));
            lifecycle = null;
        }

        if (lifecycle is null || versions.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(problems);
        }

        // An invalid id is reported once above; each version is still checked, under a stand-in id.
        var checkedId = idIsValid ? id! : "workflow";
        var known = predicates ?? NoPredicates;
        Workflow? workflow = FamilyOf(lifecycle) switch
        {
            Incident.RecordType => new WorkflowJsonReader<IncidentState, IncidentCommand>(WorkflowLifecycles.Incident, known, problems).ReadVersions(versions, checkedId),
            Problem.RecordType => new WorkflowJsonReader<ProblemState, ProblemCommand>(WorkflowLifecycles.Problem, known, problems).ReadVersions(versions, checkedId),
            ServiceRequest.RecordType => new WorkflowJsonReader<ServiceRequestState, ServiceRequestCommand>(WorkflowLifecycles.ServiceRequest, known, problems).ReadVersions(versions, checkedId),
            _ => new WorkflowJsonReader<ChangeState, ChangeCommand>(WorkflowLifecycles.Change(Enum.Parse<ChangeType>(lifecycle[(Change.RecordType.Length + 1)..])), known, problems).ReadVersions(versions, checkedId),
        };
        if (problems.Count > 0 || workflow is null)
        {
            throw Invalid(problems.Count > 0 ? problems : [WorkflowJsonElements.Shape("versions", "could not be read.")]);
        }

        return workflow;
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return DefinitionJson.Parse(json, problem => Invalid([new(WorkflowProblemCode.InvalidJson, "json", problem)]));
        }
        catch (ArgumentException ex) when (ex is not WorkflowDefinitionException)
        {
            // The parser refuses a string it cannot transcode to UTF-8 with a bare ArgumentException.
            throw Invalid([new(WorkflowProblemCode.InvalidJson, "json", "the text is not valid JSON: it holds an unpaired surrogate.")]);
        }
    }

    private static string FamilyOf(string lifecycle) => lifecycle.Split('.')[0];

    private static WorkflowDefinitionException Invalid(IReadOnlyList<WorkflowProblem> problems) => new(problems, "json");
}
