using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Testing;
using Itsm.Workflows;
using NodaTime;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class Bpic2013WorkflowTests
{
    private const string Header = "SR Number,Change Date+Time,Status,Sub Status,Involved ST,ST Level,SR Latest Impact,Product,Resource";

    // One ticket through every kind of sub-status change: a queue before work, work, three waits, back to a queue
    // after work, an assignment, a first-contact resolution, and closure.
    private const string Lifecycle = Header + """

        1-100,2012-05-02T09:00:00+02:00,Queued,Awaiting Assignment,G1,L1,Medium,PROD1,desk
        1-100,2012-05-02T09:10:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,anna
        1-100,2012-05-02T10:00:00+02:00,Accepted,Wait - User,G1,L1,Medium,PROD1,anna
        1-100,2012-05-02T11:00:00+02:00,Accepted,Wait - Vendor,G1,L1,Medium,PROD1,anna
        1-100,2012-05-02T12:00:00+02:00,Accepted,Wait - Implementation,G1,L1,Medium,PROD1,anna
        1-100,2012-05-02T13:00:00+02:00,Queued,Awaiting Assignment,G1,L1,Medium,PROD1,desk
        1-100,2012-05-02T14:00:00+02:00,Accepted,Assigned,G1,L1,Medium,PROD1,bert
        1-100,2012-05-02T15:00:00+02:00,Completed,In Call,G1,L1,Medium,PROD1,bert
        1-100,2012-05-02T16:00:00+02:00,Completed,Closed,G1,L1,Medium,PROD1,bert
        """;

    private static readonly Workflow<IncidentState, IncidentCommand> Workflow = ImportMapping.Bpic2013Workflow;

    [Fact]
    public void Workflow_PutsEverySubStatusInsideTheLibraryStateItBelongsTo()
    {
        Assert.Equal(("bpic2013-incident", 1, "New"), (Workflow.Id, Workflow.Version, Workflow.InitialState));
        Assert.Equal(
            [
                ("In Progress", IncidentState.InProgress), ("Assigned", IncidentState.InProgress), ("Awaiting Assignment", IncidentState.InProgress),
                ("Wait", IncidentState.OnHold), ("Wait - User", IncidentState.OnHold), ("Wait - Customer", IncidentState.OnHold),
                ("Wait - Vendor", IncidentState.OnHold), ("Wait - Implementation", IncidentState.OnHold),
                ("Solved", IncidentState.Resolved), ("In Call", IncidentState.Resolved),
            ],
            Workflow.States.Select(s => (s.Name, s.Parent)).ToArray());
        Assert.Equal(("In Progress", "Wait", "Solved"), (Workflow.EntryStateOf(IncidentState.InProgress), Workflow.EntryStateOf(IncidentState.OnHold), Workflow.EntryStateOf(IncidentState.Resolved)));
        Assert.Equal(["Wait - User", "Wait - Customer", "Wait - Vendor", "Wait - Implementation"], Workflow.NamedTransitionsFrom("Wait").Select(t => t.Name));
        Assert.Same(Workflow, ImportMapping.Bpic2013Workflow);
    }

    [Fact]
    public void Bpic2013Mapping_NamesACustomStateForEverySubStatusOfAnOpenOrResolvedState_AllInItsWorkflow()
    {
        var errors = new List<string>();
        ImportMapping.Bpic2013.Spec.CheckWorkflow(Workflow, errors);

        Assert.Empty(errors);
        Assert.All(
            ImportMapping.Bpic2013.Spec.States.Where(r => r.State is IncidentState.InProgress or IncidentState.OnHold or IncidentState.Resolved),
            r => Assert.NotNull(r.WorkflowState));
    }

    [Fact]
    public async Task UnderTheWorkflow_EverySubStatusChangeIsANamedTransition_AndItsAuditEntryCarriesTheCustomState()
    {
        var test = WithWorkflow();

        var report = await new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(Lifecycle));

        Assert.Equal(1, report.Accepted);
        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("1-100", ImportMapping.Bpic2013), Importer);
        Assert.Equal(
            [
                ("Open", "09:00", "New", "New"),
                ("Assign", "09:00", "New", null),
                ("Assign", "09:10", "New", null),
                ("StartWork", "09:10", "InProgress", "In Progress"),
                ("PutOnHold", "10:00", "OnHold", "Wait"),
                ("TransitionWorkflow", "10:00", "OnHold", "Wait - User"),
                ("ChangeHoldReason", "11:00", "OnHold", null),
                ("TransitionWorkflow", "11:00", "OnHold", "Wait - Vendor"),
                ("ChangeHoldReason", "12:00", "OnHold", null),
                ("TransitionWorkflow", "12:00", "OnHold", "Wait - Implementation"),
                ("Assign", "13:00", "OnHold", null),
                ("Resume", "13:00", "InProgress", "In Progress"),
                ("TransitionWorkflow", "13:00", "InProgress", "Awaiting Assignment"),
                ("Assign", "14:00", "InProgress", null),
                ("TransitionWorkflow", "14:00", "InProgress", "Assigned"),
                ("Resolve", "15:00", "Resolved", "Solved"),
                ("TransitionWorkflow", "15:00", "Resolved", "In Call"),
                ("Close", "16:00", "Closed", "Closed"),
            ],
            history.Select(e => (e.Command, e.At.InUtc().PlusHours(2).ToString("HH:mm", null), e.ToState, e.WorkflowState)).ToArray());
    }

    [Theory]
    [InlineData("Accepted,Wait - Customer", IncidentState.OnHold, "Wait - Customer")]
    [InlineData("Accepted,Wait", IncidentState.OnHold, "Wait")]
    [InlineData("Queued,Awaiting Assignment", IncidentState.InProgress, "Awaiting Assignment")]
    [InlineData("Completed,Resolved", IncidentState.Resolved, "Solved")]
    [InlineData("Unmatched,Unmatched", IncidentState.InProgress, "In Progress")]
    public async Task TheImportedTicket_EndsInTheCustomStateOfItsLastSubStatus(string last, IncidentState state, string workflowState)
    {
        var test = WithWorkflow();
        string csv = Header + $"""

            1-200,2012-05-02T09:00:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,anna
            1-200,2012-05-02T10:00:00+02:00,{last},G1,L1,Medium,PROD1,anna
            """;

        await new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(csv));

        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("1-200", ImportMapping.Bpic2013), Importer);
        Assert.Equal((state, workflowState, (Workflow?)Workflow), (incident.State, incident.WorkflowState, (Workflow?)incident.Workflow));
    }

    [Fact]
    public async Task AQueuedTicketNotYetWorked_StaysInTheLibrarysNew()
    {
        var test = WithWorkflow();
        const string csv = Header + """

            1-300,2012-05-02T09:00:00+02:00,Queued,Awaiting Assignment,G1,L1,Medium,PROD1,desk
            """;

        await new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(csv));

        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("1-300", ImportMapping.Bpic2013), Importer);
        Assert.Equal((IncidentState.New, "New"), (incident.State, incident.WorkflowState));
    }

    [Fact]
    public async Task WithoutAWorkflow_TheSubStatusesCollapseAsBefore_AndNoEntryCarriesACustomState()
    {
        var test = ItsmTestEngine.Create();

        await new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(Lifecycle));

        var id = IdOf("1-100", ImportMapping.Bpic2013);
        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, id, Importer);
        Assert.Null((await test.Engine.Incidents.GetAsync(Tenant, id, Importer)).Workflow);
        Assert.DoesNotContain(history, e => e.Command == "TransitionWorkflow" || e.WorkflowState is not null);
        Assert.Equal(12, history.Count);
    }

    [Fact]
    public async Task ATenantWorkflowWithoutTheMappingsStates_FailsBeforeAnythingIsImported_ListingEveryOne()
    {
        var other = WorkflowBuilder.ForIncidents("other").State("Investigating", IncidentState.InProgress).Build();
        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(Tenant, other) });

        var error = await Assert.ThrowsAsync<ImportMappingException>(
            () => new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(Lifecycle)));

        Assert.Equal(10, error.Errors.Count);
        Assert.Equal("$.states[0].workflowState: 'Awaiting Assignment' (Queued/Awaiting Assignment) is not a state of the tenant's incident workflow other v1 (Incident).", error.Errors[0]);
        Assert.Equal(("tenant", ImportMappingException.ErrorCode), (error.ParamName, error.Code));
        Assert.Empty(await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery()));
    }

    [Fact]
    public async Task AMappedStateInsideAnotherLibraryState_IsAProblemOfTheMapping()
    {
        var mapping = ImportMapping.FromJson("""
            {
              "name": "wrong-parent",
              "instants": { "formats": ["iso-offset"] },
              "columns": { "ticketKey": "SR Number", "at": "Change Date+Time", "actor": "Resource", "status": "Status", "subStatus": "Sub Status" },
              "defaults": { "caller": "c", "impact": "Low", "urgency": "Low" },
              "states": [
                { "status": "Accepted", "subStatus": "In Progress", "state": "InProgress", "workflowState": "In Call" },
                { "status": "Queued", "state": "New", "workflowState": "Awaiting Assignment" }
              ]
            }
            """);
        var test = WithWorkflow();

        var error = await Assert.ThrowsAsync<ImportMappingException>(
            () => new IncidentHistoryImporter(test.Engine, mapping).ImportAsync(Tenant, Importer, FromText(Lifecycle)));

        Assert.Equal(["$.states[0].workflowState: 'In Call' is inside Resolved in workflow bpic2013-incident v1 (Incident), but Accepted/In Progress maps to InProgress."], error.Errors);
    }

    [Fact]
    public async Task AWorkflowWithoutATransitionBetweenTwoSubStatuses_RefusesTheTicketThatTakesIt_NamingBoth()
    {
        // The same states, but the waits are reached only from the neutral Wait: Wait - User to Wait - Vendor has no transition.
        var builder = WorkflowBuilder.ForIncidents("strict");
        foreach (var state in Workflow.States)
        {
            builder.State(state.Name, state.Parent, state.IsEntry);
            if (!state.IsEntry)
            {
                builder.Transition(state.Name, Workflow.EntryStateOf(state.Parent), state.Name);
            }
        }

        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions
        {
            Incidents = ImportMapping.Bpic2013.Lifecycle.ApplyTo(IncidentOptions.Default),
            Workflows = WorkflowCatalog.Empty.With(builder.Build()),
        });

        var report = await new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013).ImportAsync(Tenant, Importer, FromText(Lifecycle));

        var refusal = Assert.Single(report.Refusals);
        Assert.Equal(("no-workflow-transition:Wait - User:Wait - Vendor", 4L), (refusal.Category, refusal.Row));
        Assert.Equal("Row 4: the workflow strict v1 (Incident) has no named transition from 'Wait - User' to 'Wait - Vendor' (Accepted/Wait - Vendor).", refusal.Message);
    }

    [Fact]
    public void AStatusWithoutState_NamesNoWorkflowState()
    {
        var error = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson("""
            {
              "name": "no-state",
              "instants": { "formats": ["iso-offset"] },
              "columns": { "ticketKey": "k", "at": "t", "actor": "a", "status": "s" },
              "defaults": { "caller": "c", "impact": "Low", "urgency": "Low" },
              "states": [ { "status": "Unmatched", "state": null, "reason": "says nothing", "workflowState": "Wait" } ]
            }
            """));

        Assert.Equal(["$.states[0].workflowState: a status mapped to no state (null) keeps the workflow state too; it names none."], error.Errors);
    }

    private static ItsmTestEngine WithWorkflow() =>
        ItsmTestEngine.Create(options: new ItsmEngineOptions
        {
            Incidents = ImportMapping.Bpic2013.Lifecycle.ApplyTo(IncidentOptions.Default),
            Workflows = WorkflowCatalog.Empty.With(Workflow),
        });
}
