using FsCheck;
using FsCheck.Fluent;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Services;
using Itsm.Sla;

namespace Itsm.Testing;

/// <summary>
/// FsCheck 3 arbitraries over <see cref="ItsmGenerators"/>, for
/// <c>[Property(Arbitrary = new[] { typeof(ItsmArbitraries) })]</c> (or <c>[Properties(...)]</c> on a class):
/// a property's parameters of these types are then generated as valid values.
/// </summary>
/// <remarks>None of them shrinks (the values are built through constructors that validate them) but the workflow
/// sketches, whose <see cref="WorkflowSketch{TState, TCommand}.Shrink"/> keeps them valid.</remarks>
public static class ItsmArbitraries
{
    /// <summary>Business calendars (<see cref="ItsmGenerators.BusinessCalendars"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BusinessCalendar> BusinessCalendars() => ItsmGenerators.BusinessCalendars.ToArbitrary();

    /// <summary>Agreements (<see cref="ItsmGenerators.Agreements"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Agreement> Agreements() => ItsmGenerators.Agreements.ToArbitrary();

    /// <summary>Incidents after random command sequences (<see cref="ItsmGenerators.Incidents"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Incident> Incidents() => ItsmGenerators.Incidents.ToArbitrary();

    /// <summary>Incident histories (<see cref="ItsmGenerators.IncidentScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentScenario> IncidentScenarios() => ItsmGenerators.IncidentScenarios.ToArbitrary();

    /// <summary>Single incident commands (<see cref="ItsmGenerators.IncidentCommandSteps"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentCommandStep> IncidentCommandSteps() => ItsmGenerators.IncidentCommandSteps.ToArbitrary();

    /// <summary>Incident command sequences (<see cref="ItsmGenerators.IncidentCommandSequences"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentCommandStep[]> IncidentCommandSequences() => ItsmGenerators.IncidentCommandSequences.ToArbitrary();

    /// <summary>Problems in any reachable state (<see cref="ItsmGenerators.Problems"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Problem> Problems() => ItsmGenerators.Problems.ToArbitrary();

    /// <summary>Changes of every type in any reachable state (<see cref="ItsmGenerators.Changes"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Change> Changes() => ItsmGenerators.Changes.ToArbitrary();

    /// <summary>Service requests in any reachable state (<see cref="ItsmGenerators.ServiceRequests"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ServiceRequest> ServiceRequests() => ItsmGenerators.ServiceRequests.ToArbitrary();

    /// <summary>Interactions in any reachable state (<see cref="ItsmGenerators.Interactions"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Interaction> Interactions() => ItsmGenerators.Interactions.ToArbitrary();

    /// <summary>Improvement items in any reachable state (<see cref="ItsmGenerators.ImprovementItems"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ImprovementItem> ImprovementItems() => ItsmGenerators.ImprovementItems.ToArbitrary();

    /// <summary>Valid service models (<see cref="ItsmGenerators.ServiceModels"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ServiceModel> ServiceModels() => ItsmGenerators.ServiceModels.ToArbitrary();

    /// <summary>Problem histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.ProblemScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<Problem, ProblemId>> ProblemScenarios() => ItsmGenerators.ProblemScenarios.ToArbitrary();

    /// <summary>Change histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.ChangeScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<Change, ChangeId>> ChangeScenarios() => ItsmGenerators.ChangeScenarios.ToArbitrary();

    /// <summary>Service request histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.ServiceRequestScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<ServiceRequest, ServiceRequestId>> ServiceRequestScenarios() => ItsmGenerators.ServiceRequestScenarios.ToArbitrary();

    /// <summary>Interaction histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.InteractionScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<Interaction, InteractionId>> InteractionScenarios() => ItsmGenerators.InteractionScenarios.ToArbitrary();

    /// <summary>Improvement item histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.ImprovementItemScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<ImprovementItem, ImprovementItemId>> ImprovementItemScenarios() => ItsmGenerators.ImprovementItemScenarios.ToArbitrary();

    /// <summary>Incident histories for <see cref="LifecycleRunner"/> (<see cref="ItsmGenerators.IncidentLifecycleScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LifecycleScenario<Incident, IncidentId>> IncidentLifecycleScenarios() => ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary();

    /// <summary>Valid incident workflow definitions (<see cref="ItsmGenerators.IncidentWorkflowSketches"/>), shrinking to smaller valid ones.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<WorkflowSketch<IncidentState, IncidentCommand>> IncidentWorkflowSketches() =>
        Arb.From(ItsmGenerators.IncidentWorkflowSketches, s => s.Shrink());

    /// <summary>Valid normal-change workflow definitions (<see cref="ItsmGenerators.ChangeWorkflowSketches"/>), shrinking to smaller valid ones.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<WorkflowSketch<ChangeState, ChangeCommand>> NormalChangeWorkflowSketches() =>
        Arb.From(ItsmGenerators.ChangeWorkflowSketches(ChangeType.Normal), s => s.Shrink());

    /// <summary>Valid problem workflow definitions (<see cref="ItsmGenerators.ProblemWorkflowSketches"/>), shrinking to smaller valid ones.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<WorkflowSketch<ProblemState, ProblemCommand>> ProblemWorkflowSketches() =>
        Arb.From(ItsmGenerators.ProblemWorkflowSketches, s => s.Shrink());

    /// <summary>Valid service request workflow definitions (<see cref="ItsmGenerators.ServiceRequestWorkflowSketches"/>), shrinking to smaller valid ones.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<WorkflowSketch<ServiceRequestState, ServiceRequestCommand>> ServiceRequestWorkflowSketches() =>
        Arb.From(ItsmGenerators.ServiceRequestWorkflowSketches, s => s.Shrink());
}
