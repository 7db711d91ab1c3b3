using System;
using System.Text.Json;
using Itsm.Common;
using Itsm.Workflows;

namespace Itsm.Persistence;

/// <summary>
/// How record states store the workflow a record runs (docs/record-state.md, docs/workflows.md): the object
/// <c>workflow</c> with the workflow's <c>id</c>, the <c>version</c> the record runs under and the custom <c>state</c>
/// it is in. Left out for a record without a workflow, so a state saved before workflows existed reads as one.
/// The definition itself is configuration (<c>ItsmEngineOptions.Workflows</c>), never stored with the record.
/// </summary>
internal static class StateWorkflow
{
    private const string Field = "workflow";

    internal static void WriteWorkflow<TId, TState, TCommand>(this Utf8JsonWriter writer, Aggregate<TId, TState, TCommand> record)
        where TId : struct
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        if (record.Workflow is not { } workflow)
        {
            return;
        }

        writer.WriteStartObject(Field);
        writer.WriteString("id", workflow.Id);
        writer.WriteNumber("version", workflow.Version);
        writer.WriteString("state", record.WorkflowState);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Puts a restored record back under the workflow version its state names, found in <paramref name="catalog"/> for the
    /// record's tenant: current, replaced by the current one, or retained (<see cref="WorkflowCatalog.Find"/>).
    /// </summary>
    /// <exception cref="JsonException">The field is malformed, or the state is not one of the workflow's inside the record's library state.</exception>
    /// <exception cref="MissingWorkflowException">The catalog holds no such workflow version for the record's tenant.</exception>
    internal static void ReadWorkflow<TId, TState, TCommand>(this StateReader reader, Aggregate<TId, TState, TCommand> record, WorkflowCatalog catalog)
        where TId : struct
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        record.CatalogWorkflow = catalog.For<TState, TCommand>(record.Tenant, record.WorkflowLifecycle);
        if (!reader.Has(Field) || reader.IsNull(Field))
        {
            return;
        }

        var stored = reader.Object(Field);
        var id = stored.String("id");
        var version = stored.Int("version");
        var state = stored.String("state");
        var workflow = catalog.Find<TState, TCommand>(record.Tenant, record.WorkflowLifecycle, id, version)
            ?? throw new MissingWorkflowException(record.Tenant, record.WorkflowLifecycle, id, version);

        try
        {
            record.RestoreWorkflow(workflow, state);
        }
        catch (ArgumentException e)
        {
            throw reader.Error(Field, Itsm.Text.QuotedText.Message(e.Message));
        }
    }

    /// <summary>Tells an incident the engine just created which workflow its tenant's catalog runs (the one it started under, or none).</summary>
    internal static Itsm.Incidents.Incident WithCatalogWorkflow(this Itsm.Incidents.Incident record, Workflow<Itsm.Incidents.IncidentState, Itsm.Incidents.IncidentCommand>? current)
    {
        record.CatalogWorkflow = current;
        return record;
    }

    /// <summary>Tells a change the engine just created which workflow its tenant's catalog runs for its type.</summary>
    internal static Itsm.Changes.Change WithCatalogWorkflow(this Itsm.Changes.Change record, Workflow<Itsm.Changes.ChangeState, Itsm.Changes.ChangeCommand>? current)
    {
        record.CatalogWorkflow = current;
        return record;
    }

    /// <summary>Tells a problem the engine just created which workflow its tenant's catalog runs.</summary>
    internal static Itsm.Problems.Problem WithCatalogWorkflow(this Itsm.Problems.Problem record, Workflow<Itsm.Problems.ProblemState, Itsm.Problems.ProblemCommand>? current)
    {
        record.CatalogWorkflow = current;
        return record;
    }

    /// <summary>Tells a service request the engine just created which workflow its tenant's catalog runs.</summary>
    internal static Itsm.Requests.ServiceRequest WithCatalogWorkflow(this Itsm.Requests.ServiceRequest record, Workflow<Itsm.Requests.ServiceRequestState, Itsm.Requests.ServiceRequestCommand>? current)
    {
        record.CatalogWorkflow = current;
        return record;
    }

    internal static Itsm.Incidents.Incident WithWorkflow(this Itsm.Incidents.Incident record, StateReader reader, WorkflowCatalog catalog)
    {
        reader.ReadWorkflow(record, catalog);
        return record;
    }

    internal static Itsm.Problems.Problem WithWorkflow(this Itsm.Problems.Problem record, StateReader reader, WorkflowCatalog catalog)
    {
        reader.ReadWorkflow(record, catalog);
        return record;
    }

    internal static Itsm.Changes.Change WithWorkflow(this Itsm.Changes.Change record, StateReader reader, WorkflowCatalog catalog)
    {
        reader.ReadWorkflow(record, catalog);
        return record;
    }
}
