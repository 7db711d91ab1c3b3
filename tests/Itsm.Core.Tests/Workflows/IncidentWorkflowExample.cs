using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// The worked example of docs/workflows.md, exactly as the guide shows it: its diagram in
/// docs/lifecycles/incident-workflow-example.md is generated from this definition (WorkflowDiagramTests).
/// </summary>
internal static class IncidentWorkflowExample
{
    internal static Workflow<IncidentState, IncidentCommand> Build() =>
        WorkflowBuilder.ForIncidents("acme-incident")
            .State("Triage", IncidentState.New)
            .State("Investigating", IncidentState.InProgress)
            .State("Awaiting Change", IncidentState.InProgress)
            .Transition("wait-for-change", "Investigating", "Awaiting Change", WorkflowGuard.Requires(WorkflowField.AssignmentGroup))
            .Transition("change-released", "Awaiting Change", "Investigating", WorkflowGuard.AnyRole("itil", "change-manager"))
            .On(IncidentCommand.LinkCausedByChange, "Investigating", "Awaiting Change")
            .Block("Awaiting Change", IncidentCommand.Resolve)
            .Build();
}
