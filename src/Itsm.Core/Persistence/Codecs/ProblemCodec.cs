using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>Stores problems (docs/record-state.md). No agreement applies to a problem here: no ticket history.</summary>
internal sealed class ProblemCodec(Itsm.Workflows.WorkflowCatalog? workflows = null) : AggregateCodec<Problem, ProblemId>
{
    private readonly Itsm.Workflows.WorkflowCatalog _workflows = workflows ?? Itsm.Workflows.WorkflowCatalog.Empty;

    public override string RecordType => Problem.RecordType;


    public override Problem Create(CreateCommand<Problem> command, TenantId tenant, ProblemId id, Actor actor, IClock clock)
    {
        if (command is not OpenProblem open)
        {
            throw UnknownCreateCommand(command);
        }

        var workflow = _workflows.For<ProblemState, ProblemCommand>(tenant, Problem.RecordType);
        return open.Create(tenant, id, actor, clock, workflow).WithCatalogWorkflow(workflow);
    }

    public override string Serialize(Problem aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum(N.State, aggregate.State);
            w.WriteString(N.ShortDescription, aggregate.ShortDescription);
            w.WriteString(N.Service, aggregate.Service?.Value);
            w.WriteString(N.AssignmentGroup, aggregate.AssignmentGroup?.Value);
            w.WriteServiceFields(aggregate.Offering, aggregate.ConfigurationItems, aggregate.Supplier);
            w.WriteString(N.AssignedTo, aggregate.AssignedTo);
            w.WriteString(N.RootCause, aggregate.RootCause);
            w.WriteString(N.Workaround, aggregate.Workaround);
            if (aggregate.KnownError is { } known)
            {
                w.WriteStartObject("knownError");
                w.WriteString(N.Symptom, known.Symptom);
                w.WriteString(N.RootCause, known.RootCause);
                w.WriteString(N.Workaround, known.Workaround);
                w.WriteStrings("affectedItems", known.AffectedItems);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("knownError");
            }

            w.WriteStartArray("linkedIncidents");
            foreach (var incident in aggregate.LinkedIncidents)
            {
                w.WriteStringValue(incident.ToString());
            }

            w.WriteEndArray();
            w.WriteStrings("changes", aggregate.Changes);
            w.WriteEnum(N.ResolutionCode, aggregate.ResolutionCode);
            w.WriteString(N.ResolutionNotes, aggregate.ResolutionNotes);
            w.WriteInstant(N.OpenedAt, aggregate.OpenedAt);
            w.WriteInstant(N.ResolvedAt, aggregate.ResolvedAt);
            w.WriteJournal(aggregate.Journal);
            w.WriteWorkflow(aggregate);
            w.WriteKnowledgeArticles(aggregate.KnowledgeArticles);
        });
    }

    public override Problem Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var problemId = new ProblemId(StateJson.ParseId(id, Problem.RecordType));
        return StateJson.Read(Problem.RecordType, json, r =>
        {
            var state = r.Enum<ProblemState>("state");
            string shortDescription = r.String("shortDescription");
            string? rootCause = r.NullableString("rootCause");
            string? workaround = r.NullableString("workaround");
            KnownError? knownError = null;
            if (r.NullableObject("knownError") is { } known)
            {
                knownError = new KnownError(problemId, known.String("symptom"), known.String("rootCause"), known.String("workaround"), Array.AsReadOnly(known.Strings("affectedItems")));
            }

            var incidents = new List<IncidentId>();
            foreach (var item in r.Items("linkedIncidents"))
            {
                incidents.Add(new IncidentId(item.AsGuid()));
            }

            string[] changes = r.Strings("changes");
            return Problem.Restore(
                tenant,
                problemId,
                version,
                clock,
                shortDescription,
                state,
                r.Id("assignmentGroup", v => new SupportGroupId(v), optional: true),
                r.Id("service", v => new ServiceId(v)),
                r.Id("offering", v => new ServiceOfferingId(v), optional: true),
                r.ConfigurationItems("configurationItems"),
                r.Id("supplier", v => new SupplierId(v), optional: true),
                r.OptionalString("assignedTo"),
                rootCause,
                workaround,
                knownError,
                incidents,
                changes,
                r.NullableEnum<ProblemResolutionCode>("resolutionCode"),
                r.NullableString("resolutionNotes"),
                r.Instant("openedAt"),
                r.NullableInstant("resolvedAt")).WithJournal(r.Journal()).WithKnowledgeArticles(r.KnowledgeArticles()).WithWorkflow(r, _workflows);
        });
    }

    public override RecordIndex IndexOf(Problem aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.PermittedCommands.Count > 0,
        aggregate.Service?.Value,
        aggregate.AssignmentGroup?.Value,
        null,
        aggregate.OpenedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(Problem aggregate) => null;
}
